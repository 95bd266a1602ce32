package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.call.CallStateProperties;
import io.switchboard.gateway.events.SwitchboardProperties;
import io.switchboard.gateway.queue.RoutingProperties;
import io.switchboard.gateway.ratelimit.RateLimitProperties;
import io.switchboard.gateway.security.BrowserProperties;
import io.switchboard.gateway.security.CustomerTokenProperties;
import io.switchboard.gateway.security.SecurityProperties;
import io.switchboard.gateway.sip.SipProperties;
import io.switchboard.gateway.web.RequestLimitsProperties;
import io.switchboard.gateway.ws.WebSocketProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ConfigurationValidationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({SwitchboardProperties.class, CallStateProperties.class, WebSocketProperties.class,
      RoutingProperties.class, SecurityProperties.class, RateLimitProperties.class, RequestLimitsProperties.class,
      BrowserProperties.class, CustomerTokenProperties.class, SipProperties.class})
  static class Properties {}

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withUserConfiguration(Properties.class)
      .withPropertyValues(
          "switchboard.instance-id=gw-1",
          "switchboard.kafka.bootstrap-servers=localhost:9092",
          "switchboard.kafka.partitions=0",
          "switchboard.kafka.replication-factor=1",
          "switchboard.gateway.call-state-url=http://localhost:8082",
          "switchboard.gateway.call-state-timeout=5s",
          "switchboard.gateway.routing-url=http://localhost:8081",
          "switchboard.gateway.routing-timeout=5s",
          "switchboard.gateway.ws.send-buffer=256",
          "switchboard.gateway.ws.offer-grace=60s",
          "switchboard.gateway.ws.presence-grace=30s",
          "switchboard.gateway.ws.heartbeat-interval=20s",
          "switchboard.gateway.ws.heartbeat-timeout=45s",
          "switchboard.gateway.security.issuer-uri=http://localhost:9000",
          "switchboard.gateway.rate-limits.enabled=true",
          "switchboard.gateway.rate-limits.max-keys=100000",
          "switchboard.gateway.rate-limits.calls.per-ip.capacity=60",
          "switchboard.gateway.rate-limits.calls.per-ip.window=1m",
          "switchboard.gateway.rate-limits.calls.per-principal.capacity=10",
          "switchboard.gateway.rate-limits.calls.per-principal.window=1m",
          "switchboard.gateway.rate-limits.sign-in.per-ip.capacity=60",
          "switchboard.gateway.rate-limits.sign-in.per-ip.window=1m",
          "switchboard.gateway.rate-limits.sign-in.per-principal.capacity=10",
          "switchboard.gateway.rate-limits.sign-in.per-principal.window=1m",
          "switchboard.gateway.rate-limits.widget-token.per-ip.capacity=20",
          "switchboard.gateway.rate-limits.widget-token.per-ip.window=1m",
          "switchboard.gateway.rate-limits.ws-messages.per-session.capacity=50",
          "switchboard.gateway.rate-limits.ws-messages.per-session.window=5s",
          "switchboard.gateway.rate-limits.ws-messages.close-after=50",
          "switchboard.gateway.sip.domain=sip.localhost");

  @Test
  void theDefaultsOfTheConfigFileBind() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(SwitchboardProperties.class).kafka().replicationFactor()).isEqualTo(1);
      assertThat(context.getBean(CallStateProperties.class).callStateUrl()).isEqualTo("http://localhost:8082");
      assertThat(context.getBean(RoutingProperties.class).routingUrl()).isEqualTo("http://localhost:8081");
    });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "switchboard.kafka.replication-factor=0|kafka.replicationFactor|must be greater than or equal to 1",
      "switchboard.kafka.partitions=-1|kafka.partitions|must be greater than or equal to 0",
      "switchboard.kafka.bootstrap-servers=|kafka.bootstrapServers|must not be blank",
      "switchboard.instance-id=has spaces|instanceId|must match",
      "switchboard.gateway.call-state-url=ftp://call-state|callStateUrl|must be an http(s) base URL",
      "switchboard.gateway.call-state-timeout=1ms|callStateTimeout|must be longer than or equal to",
      "switchboard.gateway.ws.send-buffer=2|sendBuffer|must be greater than or equal to 16",
      "switchboard.gateway.ws.presence-grace=10ms|presenceGrace|must be longer than or equal to",
      "switchboard.gateway.ws.heartbeat-interval=500ms|heartbeatInterval|must be longer than or equal to",
      "switchboard.gateway.ws.heartbeat-timeout=20s|heartbeatTimeoutLongerThanInterval|switchboard.gateway.ws.heartbeat-timeout must be longer than heartbeat-interval",
      "switchboard.gateway.ws.heartbeat-timeout=10s|heartbeatTimeoutLongerThanInterval|must be longer than heartbeat-interval",
      "switchboard.gateway.routing-url=localhost:8081|routingUrl|must be an http(s) base URL",
      "switchboard.gateway.routing-timeout=10ms|routingTimeout|must be longer than or equal to",
      "switchboard.gateway.security.issuer-uri=localhost:9000|issuerUri|must be an http(s) URL",
      "switchboard.gateway.security.jwk-set-uri=file:/keys.json|jwkSetUri|must be an http(s) URL",
      "switchboard.gateway.security.audience=|audience|must not be blank",
      "switchboard.gateway.security.clock-skew=10m|clockSkew|must be shorter than or equal to",
      "switchboard.gateway.security.claims.roles=realm_access..roles|claims.roles|must be a claim name or a dotted path",
      "switchboard.gateway.security.claims.tenant=|claims.tenant|must not be blank",
      "switchboard.gateway.rate-limits.calls.per-ip.capacity=0|calls.perIp.capacity|must be greater than or equal to 1",
      "switchboard.gateway.rate-limits.sign-in.per-principal.window=10ms|signIn.perPrincipal.window|must be longer than or equal to",
      "switchboard.gateway.rate-limits.ws-messages.close-after=0|wsMessages.closeAfter|must be greater than or equal to 1",
      "switchboard.gateway.rate-limits.max-keys=5|maxKeys|must be greater than or equal to 100",
      "switchboard.gateway.rate-limits.widget-token.per-ip.capacity=0|widgetToken.perIp.capacity|must be greater than or equal to 1",
      "switchboard.gateway.customer-tokens.secret=too-short|secretLongEnough|switchboard.gateway.customer-tokens.secret must be at least 32 bytes",
      "switchboard.gateway.customer-tokens.ttl=10s|ttl|must be longer than or equal to",
      "switchboard.gateway.customer-tokens.ttl=2h|ttl|must be shorter than or equal to",
      "switchboard.gateway.limits.max-body-size=100B|maxBodySizeInRange|must be between 1KB and 16MB",
      "switchboard.gateway.limits.max-frame-size=1GB|maxFrameSizeInRange|must be between 1KB and 16MB",
      "switchboard.gateway.browser.cors.allowed-origins=desk.example|cors.allowedOrigins[0]|must be an origin like https://host[:port]",
      "switchboard.gateway.browser.headers.referrer-policy=sometimes|headers.referrerPolicy|must be a Referrer-Policy value",
      "switchboard.gateway.browser.headers.content-security-policy=|headers.contentSecurityPolicy|must not be blank",
      "switchboard.gateway.sip.domain=|domain|must not be blank",
      "switchboard.gateway.sip.domain=sip_example..com|domain|must be a domain name like sip.example.com"})
  void aBadValueFailsStartUpNamingThePropertyAndTheRule(String setting, String field, String rule) {
    runner.withPropertyValues(setting).run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(context.getStartupFailure())).contains("field '" + field + "'").contains(rule);
    });
  }

  @Test
  void hardeningDefaultsBind() {
    runner.run(context -> {
      assertThat(context.getBean(RateLimitProperties.class).calls().perPrincipal().capacity()).isEqualTo(10);
      assertThat(context.getBean(RequestLimitsProperties.class).maxBodySize().toKilobytes()).isEqualTo(64);
      BrowserProperties browser = context.getBean(BrowserProperties.class);
      assertThat(browser.cors().allowedOrigins()).isEmpty();
      assertThat(browser.cors().allowedHeaders()).contains("Authorization");
      assertThat(browser.headers().contentSecurityPolicy()).startsWith("default-src 'self'");
    });
  }

  @Test
  void customerTokensAreOffWithoutASecretAndLast15MinutesByDefault() {
    runner.run(context -> {
      CustomerTokenProperties tokens = context.getBean(CustomerTokenProperties.class);
      assertThat(tokens.enabled()).isFalse();
      assertThat(tokens.ttl()).hasMinutes(15);
    });
    runner.withPropertyValues("switchboard.gateway.customer-tokens.secret=" + "s".repeat(32)).run(context ->
        assertThat(context.getBean(CustomerTokenProperties.class).enabled()).isTrue());
  }

  @Test
  void withoutAnIssuerStartUpFailsSayingWhatToSet() {
    runner.withPropertyValues("switchboard.gateway.security.issuer-uri=").run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(context.getStartupFailure())).contains("field 'issuerKnown'")
          .contains("set issuer-uri or jwk-set-uri (switchboard.gateway.security)");
    });
  }

  @Test
  void securityDefaultsAndAnotherIssuersClaimPathsBind() {
    runner.run(context -> {
      SecurityProperties security = context.getBean(SecurityProperties.class);
      assertThat(security.audience()).isEqualTo("switchboard");
      assertThat(security.clockSkew()).hasSeconds(60);
      assertThat(security.claims()).isEqualTo(new SecurityProperties.Claims("tenant", "roles", "agent_id"));
    });
    runner.withPropertyValues("switchboard.gateway.security.issuer-uri=",
        "switchboard.gateway.security.jwk-set-uri=https://idp.example/realms/acme/protocol/openid-connect/certs",
        "switchboard.gateway.security.claims.roles=realm_access.roles",
        "switchboard.gateway.security.claims.tenant=https://switchboard.example/tenant").run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(SecurityProperties.class).claims().roles()).isEqualTo("realm_access.roles");
        });
  }

  private static String messages(Throwable failure) {
    StringBuilder messages = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    return messages.toString();
  }
}
