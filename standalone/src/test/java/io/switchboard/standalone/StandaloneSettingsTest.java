package io.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StandaloneSettingsTest {

  @Test
  void defaultsAreTheDesignPortsOnLoopback() {
    StandaloneSettings settings = StandaloneSettings.parse();

    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.gatewayPort()).isEqualTo(8080);
    assertThat(settings.routingPort()).isEqualTo(8081);
    assertThat(settings.callStatePort()).isEqualTo(8082);
    assertThat(settings.mediaPort()).isEqualTo(8083);
    assertThat(settings.sipPort()).isEqualTo(5060);
    assertThat(settings.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
    assertThat(settings.postgresPort()).isEqualTo(54320);
    assertThat(settings.identityPort()).isEqualTo(8084);
    assertThat(settings.issuerUrl()).isEqualTo("http://127.0.0.1:8084");
    assertThat(settings.dataDir()).isEqualTo(Path.of("switchboard-data").toAbsolutePath());
  }

  @Test
  void optionsOverrideDefaults() {
    StandaloneSettings settings = StandaloneSettings.parse("--gateway-port=9080", "--data-dir=/srv/sb");

    assertThat(settings.gatewayPort()).isEqualTo(9080);
    assertThat(settings.dataDir()).isEqualTo(Path.of("/srv/sb"));
  }

  @Test
  void anUnknownOptionIsRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> StandaloneSettings.parse("--gatway-port=1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown option --gatway-port=1")
        .hasMessageContaining("--gateway-port");
  }

  @Test
  void aPortOutOfRangeOrNotANumberIsRefused() {
    assertThatThrownBy(() -> StandaloneSettings.parse("--sip-port=70000"))
        .hasMessageContaining("--sip-port must be between 1 and 65535, not 70000");
    assertThatThrownBy(() -> StandaloneSettings.parse("--kafka-port=abc"))
        .hasMessageContaining("--kafka-port must be a port number, not 'abc'");
  }

  @Test
  void twoServicesOnOnePortAreRefused() {
    assertThatThrownBy(() -> StandaloneSettings.parse("--gateway-port=8081"))
        .hasMessageContaining("--gateway-port and --routing-port must differ, both are 8081");
  }

  @Test
  void everyPortIsListedWithItsOption() {
    StandaloneSettings settings = StandaloneSettings.parse("--sip-port=5070");

    assertThat(settings.listenPorts()).extracting(ListenPort::option).containsExactlyInAnyOrder(
        "--postgres-port", "--kafka-port", "--controller-port", "--routing-port", "--call-state-port",
        "--media-port", "--sip-port", "--gateway-port", "--identity-port");
    assertThat(settings.listenPorts()).filteredOn(ListenPort::udp).singleElement()
        .isEqualTo(new ListenPort("--sip-port", "SIP", 5070, true));
  }
}
