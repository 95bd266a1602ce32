package io.switchboard.media.sip;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * What goes wrong with SIP input, counted by kind and logged at a bounded rate: at most one line per
 * kind every {@value #LOG_EVERY_MS} ms, with the count so far and the first line of the detail cut to
 * {@value #MAX_DETAIL} characters, never a stack trace (those go to DEBUG). A peer sending garbage
 * thus costs a counter increment, not a log line and a stack trace per datagram. Static, because
 * JAIN-SIP creates its logger by class name; the counts are the JVM's, across the bridges it runs.
 */
final class SipInputErrors {

  /**
   * The kinds counted: JAIN-SIP's own errors, exceptions (mostly unparseable messages) and warnings;
   * requests it cannot make a transaction for (answered statelessly); requests that cannot be
   * answered at all (their Via names a transport the bridge does not listen on: dropped); ACKs that
   * match no transaction and no call (never answered: dropped).
   */
  enum Kind {
    STACK_ERROR("stack-error"), STACK_EXCEPTION("stack-exception"), STACK_WARNING("stack-warning"),
    NO_TRANSACTION("no-transaction"), UNANSWERABLE("unanswerable"), STRAY_ACK("stray-ack");

    final String tag;

    Kind(String tag) {
      this.tag = tag;
    }
  }

  static final long LOG_EVERY_MS = 10_000;
  static final int MAX_DETAIL = 160;

  private static final Map<Kind, AtomicLong> COUNTS = new ConcurrentHashMap<>();
  private static final Map<Kind, AtomicLong> LAST_LOGGED = new ConcurrentHashMap<>();

  private SipInputErrors() {}

  /** Counts one; logs it at WARN on {@code log} unless a line of this kind went out within the interval. */
  static void report(Logger log, Kind kind, String detail) {
    long count = COUNTS.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    long now = System.nanoTime() / 1_000_000;
    AtomicLong last = LAST_LOGGED.computeIfAbsent(kind, k -> new AtomicLong(now - LOG_EVERY_MS));
    long previous = last.get();
    if (now - previous >= LOG_EVERY_MS && last.compareAndSet(previous, now)) {
      log.warn("SIP input refused ({}, {} so far; one line per {} s): {}", kind.tag, count, LOG_EVERY_MS / 1000,
          shorten(detail));
    } else if (log.isDebugEnabled()) {
      log.debug("SIP input refused ({}): {}", kind.tag, shorten(detail));
    }
  }

  static long count(Kind kind) {
    AtomicLong count = COUNTS.get(kind);
    return count == null ? 0 : count.get();
  }

  /** {@code switchboard.sip.stack.errors{kind}} for every kind, read from the counts. */
  static void register(MeterRegistry registry) {
    for (Kind kind : Kind.values()) {
      FunctionCounter.builder("switchboard.sip.stack.errors", kind, SipInputErrors::count)
          .description("SIP input the bridge or its stack refused (unparseable, incomplete), by kind")
          .tag("kind", kind.tag)
          .register(registry);
    }
  }

  /** The first line of {@code detail}, at most {@value #MAX_DETAIL} characters: never a whole packet. */
  static String shorten(String detail) {
    if (detail == null) {
      return "";
    }
    int end = detail.indexOf('\n');
    String line = end >= 0 ? detail.substring(0, end).stripTrailing() : detail;
    return line.length() > MAX_DETAIL ? line.substring(0, MAX_DETAIL) + "…" : line;
  }
}
