package io.switchboard.gateway.sip;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The SIP accounts of agents' phones.
 *
 * @param domain the deployment's SIP domain; a tenant's phones register to {@code <tenant>.<domain>}
 *     (lower case), which is the realm of its accounts' HA1s and the host of its agents' addresses-of-record
 */
@Validated
@ConfigurationProperties("switchboard.gateway.sip")
public record SipProperties(
    @NotBlank @Pattern(regexp = "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*",
        message = "must be a domain name like sip.example.com") String domain) {

  /** The realm of {@code tenant}'s accounts: {@code <tenant>.<domain>}, lower case. */
  String realm(String tenant) {
    return (tenant + "." + domain).toLowerCase(java.util.Locale.ROOT);
  }
}
