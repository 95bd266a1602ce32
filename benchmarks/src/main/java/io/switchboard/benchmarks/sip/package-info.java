/**
 * The media bridge under SIPp load with the routing engine and the embedded broker, for
 * {@code bench/sip-bridge.sh}: the same load as the peer harness in ../shared/peer-sip.
 */
package io.switchboard.benchmarks.sip;
