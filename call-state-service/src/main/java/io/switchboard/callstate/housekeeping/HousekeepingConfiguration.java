package io.switchboard.callstate.housekeeping;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.callstate.projection.InstanceProperties;
import io.switchboard.callstate.projection.KafkaProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/** Wires the housekeeping of stale calls. */
@Configuration(proxyBeanMethods = false)
class HousekeepingConfiguration {

  @Bean(destroyMethod = "close")
  Housekeeping housekeeping(HousekeepingProperties rules, KafkaProperties kafka, InstanceProperties instance,
      DatabaseClient db, MeterRegistry meters) {
    return new Housekeeping(new StaleCallFinder(db), new CallCloser(kafka, instance), new QualityRetention(db), rules,
        Clock.systemUTC(), meters);
  }
}
