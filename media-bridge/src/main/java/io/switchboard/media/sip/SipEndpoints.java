package io.switchboard.media.sip;

import java.util.Locale;
import javax.sip.ListeningPoint;
import javax.sip.SipProvider;

/** The running stack's providers, for call flows that send requests of their own. */
public final class SipEndpoints {

  /** The stack's lifecycle phase: call flows that send requests start after it and stop before it. */
  public static final int STACK_PHASE = org.springframework.context.SmartLifecycle.DEFAULT_PHASE - 100;

  private final SipServer server;
  private final SipProperties properties;

  SipEndpoints(SipServer server, SipProperties properties) {
    this.server = server;
    this.properties = properties;
  }

  /**
   * The provider of {@code transport} ({@code udp}, {@code tcp}, any case), or of the first configured
   * transport when the bridge does not listen on that one.
   *
   * @throws IllegalStateException while the stack is stopped
   */
  public SipProvider provider(String transport) {
    SipServer.RunningStack running = server.current();
    if (running == null) {
      throw new IllegalStateException("The SIP stack is not running");
    }
    String wanted = transport == null ? "" : transport.toLowerCase(Locale.ROOT);
    for (SipProvider provider : running.providers()) {
      for (ListeningPoint point : provider.getListeningPoints()) {
        if (point.getTransport().equalsIgnoreCase(wanted)) {
          return provider;
        }
      }
    }
    return running.providers().get(0);
  }

  /** The address the listening points are bound to. */
  public String host() {
    return properties.host();
  }

  public int port() {
    return properties.port();
  }

  public boolean running() {
    return server.current() != null;
  }
}
