package io.switchboard.media.sip;

import io.switchboard.testsupport.LoopbackPorts;

/** Loopback ports free for both UDP and TCP, as SIP listens on one port for both. */
public final class FreePorts {

  private FreePorts() {}

  public static int udpAndTcp() {
    return LoopbackPorts.udpAndTcp();
  }
}
