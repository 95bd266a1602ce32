package io.switchboard.media.sip;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The SIP front of the bridge. Factories are created directly rather than through {@code
 * SipFactory}, a JVM-wide singleton that caches stacks by name.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SipProperties.class)
class SipConfiguration {

  @Bean
  HeaderFactory sipHeaderFactory() {
    return new HeaderFactoryImpl();
  }

  @Bean
  MessageFactory sipMessageFactory() {
    return new MessageFactoryImpl();
  }

  @Bean
  OptionsHandler optionsHandler(HeaderFactory headers) {
    return new OptionsHandler(headers);
  }

  @Bean
  SipRequestDispatcher sipRequestDispatcher(
      List<SipRequestHandler> handlers,
      MessageFactory messages,
      HeaderFactory headers,
      MeterRegistry registry,
      ObjectProvider<SipDialogListener> dialogs) {
    // No SIP extension (100rel, timer, replaces, ...) is supported yet.
    Set<String> extensions = Set.of();
    return new SipRequestDispatcher(
        handlers, extensions, new SipResponses(messages, headers), headers, new SipMetrics(registry),
        dialogs.getIfAvailable());
  }

  @Bean
  SipEndpoints sipEndpoints(SipServer server, SipProperties properties) {
    return new SipEndpoints(server, properties);
  }

  @Bean
  SipServer sipServer(SipProperties properties, SipRequestDispatcher dispatcher) {
    return new SipServer(properties, dispatcher);
  }

  @Bean
  SipAudit sipAudit(SipServer server, SipProperties properties, ObjectProvider<SipDialogListener> dialogs,
      MeterRegistry registry) {
    // Looked up at each run: the dialog listener (the B2BUA) needs the stack's beans itself.
    Supplier<Set<String>> owned = () -> {
      SipDialogListener listener = dialogs.getIfAvailable();
      return listener == null ? Set.of() : listener.sipCallIds();
    };
    return new SipAudit(server, owned, properties.audit(), Clock.systemUTC(), registry);
  }

  @Bean
  SipHealthIndicator sipHealthIndicator(SipServer server, SipProperties properties) {
    return new SipHealthIndicator(server, properties);
  }
}
