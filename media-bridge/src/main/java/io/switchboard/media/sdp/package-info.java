/**
 * SDP (RFC 4566) for the bridge's legs: a bounded parser and writer of the parts a B2BUA reads and
 * rewrites, and offer/answer by RFC 3264 with the bridge's codec rules (docs/sdp.md): PCMU, PCMA
 * and telephone-event always offered, Opus only where both legs have it, a hold answered by its
 * mirror direction, 488 when no audio codec is common.
 */
package io.switchboard.media.sdp;
