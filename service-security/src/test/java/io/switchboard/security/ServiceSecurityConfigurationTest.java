package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceSecurityConfigurationTest {

  @Test
  void theDecoderOfAnIssuerIsBuiltWithoutReachingIt() {
    // Nothing listens on port 1: discovery is left for the first request, so the service can start first.
    ServiceSecurityProperties properties =
        new ServiceSecurityProperties("http://127.0.0.1:1/issuer", null, "switchboard", "roles");

    assertThat(new ServiceSecurityConfiguration().jwtDecoder(properties)).isNotNull();
  }
}
