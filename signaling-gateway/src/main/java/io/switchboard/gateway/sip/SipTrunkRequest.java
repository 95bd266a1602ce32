package io.switchboard.gateway.sip;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code PUT /api/v1/sip-trunks/{trunkId}}: the whole trunk, replacing any earlier one.
 * The digest password only ever becomes HA1s; the outbound password is kept for dialing out.
 *
 * @param direction INBOUND (calls come in), OUTBOUND (calls go out) or BOTH
 * @param enabled false refuses its INVITEs with 403 and keeps it from dialing out; true by default
 * @param trustedSources inbound: addresses or CIDR blocks whose INVITEs need no challenge
 * @param digest inbound: the username and password a PBX answers a 407 with
 * @param headerRouting inbound: whether an {@code X-Switchboard-Queue} header chooses the queue
 * @param outbound where calls out go
 */
record SipTrunkRequest(
    @NotNull @Pattern(regexp = DIRECTION, message = "must be INBOUND, OUTBOUND or BOTH") String direction,
    Boolean enabled,
    @Size(max = 50) List<@NotBlank @Size(max = 64) String> trustedSources,
    @Valid Digest digest,
    Boolean headerRouting,
    @Valid Outbound outbound) {

  static final String DIRECTION = "INBOUND|OUTBOUND|BOTH";
  /** A host name or an IPv4 literal; no scheme, port or path. */
  static final String HOST = "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*";

  /** Inbound digest trust: the PBX proves itself with this username and password in the tenant's realm. */
  record Digest(
      @NotNull @Pattern(regexp = SipAccountRequest.USERNAME, message = "must match " + SipAccountRequest.USERNAME)
      String username,
      @NotNull @Size(min = 12, max = 128, message = "must be 12 to 128 characters long") String password) {

    @Override
    public String toString() {
      return "Digest[username=" + username + "]";
    }
  }

  /**
   * The provider calls out go to.
   *
   * @param port 5060 by default
   * @param transport udp (the default) or tcp
   * @param username with {@code password}: the account the provider challenges for
   */
  record Outbound(
      @NotNull @Size(max = 253) @Pattern(regexp = HOST, message = "must be a host name or IPv4 address") String host,
      @Min(value = 1, message = "must be 1 to 65535") @Max(value = 65535, message = "must be 1 to 65535") Integer port,
      @Pattern(regexp = "udp|tcp", message = "must be udp or tcp") String transport,
      @Pattern(regexp = SipAccountRequest.USERNAME, message = "must match " + SipAccountRequest.USERNAME)
      String username,
      @Size(min = 1, max = 128, message = "must be 1 to 128 characters long") String password) {

    @Override
    public String toString() {
      return "Outbound[host=" + host + ", port=" + port + ", transport=" + transport + ", username=" + username + "]";
    }
  }

  boolean inbound() {
    return !"OUTBOUND".equals(direction);
  }

  /** Never a password: a request that reaches a log or an error body shows no secret. */
  @Override
  public String toString() {
    return "SipTrunkRequest[direction=" + direction + ", enabled=" + enabled + ", trustedSources=" + trustedSources
        + ", digest=" + digest + ", headerRouting=" + headerRouting + ", outbound=" + outbound + "]";
  }
}
