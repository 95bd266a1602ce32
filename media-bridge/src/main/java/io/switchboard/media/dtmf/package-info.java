/**
 * DTMF as the bridge receives it: RFC 4733 telephone-event payloads in RTP, each key press
 * reported once however many packets carry it, and SIP INFO bodies ({@code application/dtmf-relay},
 * {@code application/dtmf}) read into the same {@link io.switchboard.media.dtmf.Digit}.
 */
package io.switchboard.media.dtmf;
