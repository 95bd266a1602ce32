package io.switchboard.media.sip.registrar;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** One timer thread for every binding: sweeps what has expired at a fixed interval. */
final class BindingExpiry implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(BindingExpiry.class);

  private final Registrar registrar;
  private final Duration interval;
  private volatile ScheduledExecutorService timer;

  BindingExpiry(Registrar registrar, Duration interval) {
    this.registrar = registrar;
    this.interval = interval;
  }

  @Override
  public synchronized void start() {
    if (timer != null) {
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "sip-binding-expiry");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void sweep() {
    try {
      registrar.expire();
    } catch (RuntimeException e) {
      // A failed sweep must not cancel the timer.
      log.error("Expiring SIP bindings failed", e);
    }
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  @Override
  public boolean isRunning() {
    return timer != null;
  }
}
