package io.switchboard.media.sip;

import gov.nist.javax.sip.SipStackImpl;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sip.Dialog;
import javax.sip.DialogState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every {@code switchboard.media.sip.audit.interval}, compares the stack's dialogs with the calls that
 * own them and ends those no call has owned for {@code unowned-dialog-age}: a leak, whatever its cause,
 * is bounded. Gauges the stack's live dialogs and transactions.
 */
final class SipAudit implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SipAudit.class);
  /** Call-IDs named in one log line; the count says how many more. */
  private static final int NAMED = 3;

  private final SipServer server;
  private final Supplier<Set<String>> owned;
  private final SipProperties.Audit properties;
  private final Clock clock;
  private final UnownedDialogs<Dialog> unowned;
  private final Counter ended;
  private volatile ScheduledExecutorService timer;

  /** {@code owned}: the SIP Call-IDs of the calls the bridge holds now. */
  SipAudit(SipServer server, Supplier<Set<String>> owned, SipProperties.Audit properties, Clock clock,
      MeterRegistry registry) {
    this.server = server;
    this.owned = owned;
    this.properties = properties;
    this.clock = clock;
    this.unowned = new UnownedDialogs<>(dialog -> dialog.getCallId() == null ? null : dialog.getCallId().getCallId(),
        properties.unownedDialogAge());
    this.ended = Counter.builder("switchboard.sip.audit.dialogs.ended")
        .description("Dialogs of the SIP stack that no call owned, ended by the audit").register(registry);
    Gauge.builder("switchboard.sip.dialogs", this, audit -> audit.dialogs().size())
        .description("Dialogs the SIP stack holds that are not over (early and confirmed)").register(registry);
    Gauge.builder("switchboard.sip.transactions", this, audit -> audit.transactions(true))
        .description("Transactions the SIP stack holds, by side").tag("side", "server").register(registry);
    Gauge.builder("switchboard.sip.transactions", this, audit -> audit.transactions(false))
        .description("Transactions the SIP stack holds, by side").tag("side", "client").register(registry);
  }

  /** One audit: ends the dialogs unowned for too long; returns how many. */
  int audit() {
    Set<String> calls = owned.get();
    List<Dialog> leaked = unowned.leaked(dialogs(), calls, clock.instant());
    List<String> named = new ArrayList<>();
    for (Dialog dialog : leaked) {
      if (named.size() < NAMED && dialog.getCallId() != null) {
        named.add(dialog.getCallId().getCallId() + " (" + dialog.getState() + ")");
      }
      try {
        dialog.delete();
      } catch (RuntimeException e) {
        log.debug("Deleting a leaked dialog broke off", e);
      }
    }
    if (!leaked.isEmpty()) {
      ended.increment(leaked.size());
      log.warn("SIP audit ended {} dialog(s) no call owned for {}: {}{}", leaked.size(),
          properties.unownedDialogAge(), String.join(", ", named), leaked.size() > named.size() ? ", …" : "");
    }
    return leaked.size();
  }

  /**
   * The stack's dialogs that are not over. A terminated dialog lingers in the stack's tables for a few
   * seconds (JAIN-SIP's linger timer) before it is removed: neither a leak nor live.
   */
  private Collection<Dialog> dialogs() {
    SipServer.RunningStack running = server.current();
    if (running == null) {
      return List.of();
    }
    List<Dialog> live = new ArrayList<>();
    for (Dialog dialog : running.stack().getDialogs()) {
      if (dialog.getState() != DialogState.TERMINATED) {
        live.add(dialog);
      }
    }
    return live;
  }

  private int transactions(boolean serverSide) {
    SipServer.RunningStack running = server.current();
    if (running == null) {
      return 0;
    }
    SipStackImpl stack = running.stack();
    return serverSide ? stack.getServerTransactionTableSize() : stack.getClientTransactionTableSize();
  }

  @Override
  public synchronized void start() {
    if (timer != null) {
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "sip-audit");
      thread.setDaemon(true);
      return thread;
    });
    long every = properties.interval().toMillis();
    timer.scheduleWithFixedDelay(this::auditGuarded, every, every, TimeUnit.MILLISECONDS);
  }

  private void auditGuarded() {
    try {
      audit();
    } catch (RuntimeException e) {
      // A failed run must not cancel the schedule.
      log.error("SIP audit failed", e);
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

  /** After the stack starts, before it stops. */
  @Override
  public int getPhase() {
    return SipEndpoints.STACK_PHASE + 10;
  }
}
