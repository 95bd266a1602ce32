package io.switchboard.media.sip;

import gov.nist.javax.sip.SipStackImpl;
import java.util.List;
import javax.sip.SipListener;
import javax.sip.SipProvider;

/** Takes down a test's own JAIN-SIP stack the way the bridge takes down its own. */
public final class TestStacks {

  private TestStacks() {}

  public static void shutDown(SipStackImpl stack, SipProvider provider, SipListener listener) {
    SipStackShutdown.shutDown(stack, List.of(provider), listener);
  }
}
