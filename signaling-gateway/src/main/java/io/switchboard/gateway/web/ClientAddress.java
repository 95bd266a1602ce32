package io.switchboard.gateway.web;

import java.net.InetSocketAddress;
import org.springframework.web.server.ServerWebExchange;

/** The client's IP address as this server sees it; behind a proxy, see {@code server.forward-headers-strategy}. */
public final class ClientAddress {

  private ClientAddress() {}

  /** The address, or null when the server does not know it. */
  public static String of(ServerWebExchange exchange) {
    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
    if (remote == null) {
      return null;
    }
    return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
  }
}
