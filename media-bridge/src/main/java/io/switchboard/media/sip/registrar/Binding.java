package io.switchboard.media.sip.registrar;

import java.time.Instant;

/**
 * One contact bound to an agent's address-of-record (RFC 3261 10.3).
 *
 * @param contact the contact URI as the phone gave it
 * @param expiresAt when the binding ends unless refreshed
 * @param callId the Call-ID of the REGISTER that made or last refreshed it
 * @param cseq that REGISTER's CSeq number; a later REGISTER with the same Call-ID must have a higher one
 */
public record Binding(String contact, Instant expiresAt, String callId, long cseq) {}
