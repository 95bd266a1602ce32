/** The WebSocket benchmark: many agents' sessions on the gateway and on a plain Reactor Netty server. */
package io.switchboard.benchmarks.websocket;
