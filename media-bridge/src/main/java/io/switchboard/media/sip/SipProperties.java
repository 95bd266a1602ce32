package io.switchboard.media.sip;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the bridge listens for SIP. Defaults live in {@code media-bridge.yml}.
 *
 * @param host the IP address (or host name) the listening points bind to; {@code 127.0.0.1} by
 *     default, set the address phones and trunks reach for real use
 * @param port the port of every listening point, the same for UDP and TCP; 5060 by default
 * @param transports the transports to listen on, among {@code udp} and {@code tcp}; both by default
 * @param threads the stack's threads that read and process messages, per transport (1 to 256; 8 by default)
 * @param audit the periodic audit of the stack's dialogs
 */
@Validated
@ConfigurationProperties("switchboard.media.sip")
record SipProperties(
    @NotBlank String host,
    @NotNull @Min(1) @Max(65535) Integer port,
    @NotEmpty Set<@NotNull SipTransport> transports,
    @NotNull @Min(1) @Max(256) Integer threads,
    @NotNull @Valid Audit audit) {

  /**
   * The audit ({@link SipAudit}) that ends the stack's dialogs no call owns.
   *
   * @param interval how often it runs; at least 1 s, 30 s by default
   * @param unownedDialogAge how long a dialog no call owns may live before the audit ends it; at least
   *     1 s, 2 minutes by default (a call's dialogs end within 32 s of its end without it)
   */
  record Audit(
      @NotNull @DurationMin(seconds = 1) Duration interval,
      @NotNull @DurationMin(seconds = 1) Duration unownedDialogAge) {}
}
