package io.switchboard.media.sip;

import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.EventWrapper;
import gov.nist.javax.sip.SipStackImpl;
import java.util.ArrayList;
import java.util.List;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a JAIN-SIP stack down completely: providers, listening points (so the ports are free),
 * the stack, and the stack's event-scanner thread, which JAIN-SIP 1.3.0-91 leaves behind.
 */
final class SipStackShutdown {

  private static final Logger log = LoggerFactory.getLogger(SipStackShutdown.class);

  private SipStackShutdown() {}

  /** Each step runs whatever the previous ones did, so a half-started stack goes down too. */
  static void shutDown(SipStackImpl stack, List<SipProvider> providers, SipListener listener) {
    EventScanner scanner = stack.getEventScanner(); // stopping forgets it
    boolean clean = true;
    for (SipProvider provider : providers) {
      try {
        // deleteSipProvider refuses a provider that still has its listener.
        provider.removeSipListener(listener);
        stack.deleteSipProvider(provider);
      } catch (Exception e) {
        clean = false;
        log.debug("Deleting a SIP provider of stack {} broke off", stack.getStackName(), e);
      }
    }
    List<ListeningPoint> points = new ArrayList<>();
    stack.getListeningPoints().forEachRemaining(point -> points.add((ListeningPoint) point));
    for (ListeningPoint point : points) {
      try {
        stack.deleteListeningPoint(point);
      } catch (Exception e) {
        clean = false;
        log.debug("Deleting SIP listening point {} of stack {} broke off", point, stack.getStackName(), e);
      }
    }
    // Deleting the last provider stops the stack; stopping it again would only repeat its fixed
    // one-second pause. Stop it here when that did not happen or broke off (a failed start leaves
    // a half-made message processor that makes the first stop throw).
    if (!clean || stack.isAlive()) {
      try {
        stack.stop();
      } catch (RuntimeException e) {
        log.warn("SIP stack {} did not stop cleanly", stack.getStackName(), e);
      }
    }
    releaseEventScanner(stack, scanner);
  }

  /**
   * The scanner's non-daemon thread, started with the stack, blocks on its queue for good: stopping
   * marks it stopped without waking it. One event wakes it so it sees the mark and ends. With no
   * listener left, the stack delivers that event to nobody.
   */
  private static void releaseEventScanner(SipStackImpl stack, EventScanner scanner) {
    if (scanner != null) {
      scanner.forceStop();
      scanner.addEvent(new EventWrapper(new IOExceptionEvent(stack, "localhost", 0, "udp"), null));
    }
  }
}
