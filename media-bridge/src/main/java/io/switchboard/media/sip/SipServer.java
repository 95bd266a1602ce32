package io.switchboard.media.sip;

import gov.nist.javax.sip.SipStackImpl;
import java.util.ArrayList;
import java.util.List;
import javax.sip.ListeningPoint;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the JAIN-SIP stack with the context: a fresh stack, listening points and providers on each
 * start, all of them deleted on stop, so that the ports are free again and no stack thread (some
 * are non-daemon) outlives the context.
 */
final class SipServer implements SmartLifecycle, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(SipServer.class);

  private final SipProperties properties;
  private final SipListener listener;
  private volatile RunningStack running;

  SipServer(SipProperties properties, SipListener listener) {
    this.properties = properties;
    this.listener = listener;
  }

  /** A started stack and the providers on its listening points. */
  record RunningStack(String name, SipStackImpl stack, List<SipProvider> providers) {

    List<ListeningPoint> listeningPoints() {
      List<ListeningPoint> points = new ArrayList<>();
      for (SipProvider provider : providers) {
        points.addAll(List.of(provider.getListeningPoints()));
      }
      return points;
    }
  }

  @Override
  public synchronized void start() {
    if (running != null) {
      return;
    }
    String name = SipStackSettings.uniqueStackName();
    SipStackImpl stack;
    try {
      stack = new SipStackImpl(SipStackSettings.forStack(name, properties.threads()));
    } catch (Exception e) {
      throw new IllegalStateException("Cannot create the SIP stack: " + e.getMessage(), e);
    }
    List<SipProvider> providers = new ArrayList<>();
    for (SipTransport transport : properties.transports()) {
      try {
        ListeningPoint point =
            stack.createListeningPoint(properties.host(), properties.port(), transport.jainName());
        SipProvider provider = stack.createSipProvider(point);
        providers.add(provider);
        provider.addSipListener(listener);
      } catch (Exception e) {
        shutDown(new RunningStack(name, stack, providers));
        throw new IllegalStateException(
            String.format(
                "Cannot listen for SIP over %s on %s:%d (switchboard.media.sip.*): %s",
                transport, properties.host(), properties.port(), e.getMessage()),
            e);
      }
    }
    try {
      stack.start();
    } catch (Exception e) {
      shutDown(new RunningStack(name, stack, providers));
      throw new IllegalStateException("Cannot start the SIP stack: " + e.getMessage(), e);
    }
    running = new RunningStack(name, stack, List.copyOf(providers));
    log.info(
        "SIP listening on {}:{} over {} (stack {})",
        properties.host(),
        properties.port(),
        properties.transports(),
        name);
  }

  @Override
  public synchronized void stop() {
    RunningStack stopping = running;
    if (stopping == null) {
      return;
    }
    running = null;
    long started = System.nanoTime();
    shutDown(stopping);
    log.info(
        "SIP stopped on {}:{} in {} ms (stack {})",
        properties.host(),
        properties.port(),
        (System.nanoTime() - started) / 1_000_000,
        stopping.name());
  }

  private void shutDown(RunningStack target) {
    SipStackShutdown.shutDown(target.stack(), target.providers(), listener);
  }

  @Override
  public void destroy() {
    // A context whose refresh failed is destroyed without being stopped.
    stop();
  }

  @Override
  public int getPhase() {
    return SipEndpoints.STACK_PHASE;
  }

  @Override
  public boolean isRunning() {
    return running != null;
  }

  /** The running stack, or null when stopped; for health and diagnostics. */
  RunningStack current() {
    return running;
  }
}
