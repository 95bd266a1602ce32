package io.switchboard.gateway.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits of this gateway instance (docs/security.md, *Rate limits*); each is a token bucket.
 *
 * @param enabled false turns every limit off (a load test, a gateway behind a limiting proxy)
 * @param maxKeys the most clients remembered per limit; buckets that have refilled are forgotten
 * @param calls {@code POST /api/v1/calls}
 * @param signIn {@code POST /api/v1/agents/{agentId}/sign-in}
 * @param widgetToken {@code POST /api/v1/widget/token}, the widget key's exchange for a customer token
 * @param wsMessages messages from one WebSocket session
 */
@Validated
@ConfigurationProperties("switchboard.gateway.rate-limits")
public record RateLimitProperties(
    boolean enabled,
    @Min(100) @Max(10_000_000) int maxKeys,
    @NotNull @Valid PerClient calls,
    @NotNull @Valid PerClient signIn,
    @NotNull @Valid PerAddress widgetToken,
    @NotNull @Valid Messages wsMessages) {

  /**
   * A route limited both per client address and per principal; a request needs a token from each.
   *
   * @param perIp by the client's IP address
   * @param perPrincipal by the token's tenant and subject
   */
  public record PerClient(@NotNull @Valid Limit perIp, @NotNull @Valid Limit perPrincipal) {}

  /**
   * A route open without a token, so limited by client address only.
   *
   * @param perIp by the client's IP address
   */
  public record PerAddress(@NotNull @Valid Limit perIp) {}

  /**
   * Messages of one WebSocket session.
   *
   * @param perSession the rate of one session; a message over it is dropped and answered with {@code call:error}
   * @param closeAfter dropped messages in a row after which the session is closed with 1008
   */
  public record Messages(@NotNull @Valid Limit perSession, @Min(1) @Max(10_000) int closeAfter) {}
}
