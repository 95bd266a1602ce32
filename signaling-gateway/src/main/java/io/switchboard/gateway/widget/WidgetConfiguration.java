package io.switchboard.gateway.widget;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.gateway.events.CompactedTopicReader;
import io.switchboard.gateway.events.SwitchboardProperties;
import io.switchboard.schemas.avro.WidgetKey;
import io.switchboard.schemas.topics.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/** Widget keys: the admin API, this instance's copy of widget.keys, and the exchange for customer tokens. */
@Configuration(proxyBeanMethods = false)
class WidgetConfiguration {

  @Bean
  WidgetKeys widgetKeys() {
    return new WidgetKeys();
  }

  /** The catalogue topics must exist before it looks up the partitions of widget.keys. */
  @Bean
  @DependsOn("catalogueTopics")
  CompactedTopicReader<WidgetKey> widgetKeyReader(SwitchboardProperties properties, WidgetKeys keys,
      MeterRegistry meters) {
    return new CompactedTopicReader<>(CompactedTopicReader.config(properties, Topics.WIDGET_KEYS), Topics.WIDGET_KEYS,
        keys, meters);
  }
}
