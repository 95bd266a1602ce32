/**
 * The audio the bridge plays itself, for ringback and music on hold: WAV files read as 8 kHz
 * samples, tones generated, G.711 (µ-law and A-law) encoding, and 20 ms frames for RTP.
 */
package io.switchboard.media.audio;
