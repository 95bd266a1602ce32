package io.switchboard.media.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class SipPropertiesTest {

  /** Binds the properties from the module's own media-bridge.yml, without starting any stack. */
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withInitializer(new ConfigDataApplicationContextInitializer())
          .withPropertyValues("spring.config.name=media-bridge")
          .withUserConfiguration(PropertiesOnly.class);

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(SipProperties.class)
  static class PropertiesOnly {}

  @Test
  void defaultsListenOnLoopbackPort5060OverUdpAndTcp() {
    runner.run(
        context -> {
          SipProperties properties = context.getBean(SipProperties.class);
          assertThat(properties.host()).isEqualTo("127.0.0.1");
          assertThat(properties.port()).isEqualTo(5060);
          assertThat(properties.transports()).containsExactly(SipTransport.UDP, SipTransport.TCP);
          assertThat(properties.threads()).isEqualTo(8);
          assertThat(properties.audit().interval()).isEqualTo(Duration.ofSeconds(30));
          assertThat(properties.audit().unownedDialogAge()).isEqualTo(Duration.ofMinutes(2));
        });
  }

  @Test
  void anAuditMoreOftenThanEverySecondFailsAtStartUpNamingTheProperty() {
    runner
        .withPropertyValues("switchboard.media.sip.audit.interval=100ms")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(messages(context.getStartupFailure()))
                  .contains("switchboard.media.sip.audit.interval")
                  .contains("must be longer than or equal to 1 second");
            });
  }

  @Test
  void aPoolOfNoThreadOrOfTooManyIsRefused() {
    for (String threads : new String[] {"0", "257"}) {
      runner.withPropertyValues("switchboard.media.sip.threads=" + threads)
          .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("threads"));
    }
  }

  @Test
  void transportsAreReadWhateverTheirCase() {
    runner
        .withPropertyValues("switchboard.media.sip.transports=TCP")
        .run(
            context ->
                assertThat(context.getBean(SipProperties.class).transports())
                    .containsExactly(SipTransport.TCP));
  }

  @Test
  void portAbove65535FailsAtStartUpNamingTheProperty() {
    runner
        .withPropertyValues("switchboard.media.sip.port=70000")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(messages(context.getStartupFailure()))
                  .contains("switchboard.media.sip")
                  .contains("port")
                  .contains("70000")
                  .contains("less than or equal to 65535");
            });
  }

  @Test
  void unknownTransportFailsAtStartUpNamingTheProperty() {
    runner
        .withPropertyValues("switchboard.media.sip.transports=udp,sctp")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(messages(context.getStartupFailure()))
                  .contains("switchboard.media.sip.transports")
                  .contains("sctp");
            });
  }

  @Test
  void noTransportFailsAtStartUp() {
    runner
        .withPropertyValues("switchboard.media.sip.transports=")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(messages(context.getStartupFailure()))
                  .contains("transports")
                  .contains("must not be empty");
            });
  }

  @Test
  void blankHostFailsAtStartUp() {
    runner
        .withPropertyValues("switchboard.media.sip.host= ")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(messages(context.getStartupFailure()))
                  .contains("host")
                  .contains("must not be blank");
            });
  }

  private static String messages(Throwable failure) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages.add(String.valueOf(t.getMessage()));
    }
    return String.join("\n", messages);
  }
}
