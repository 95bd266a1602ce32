package io.switchboard.callstate.housekeeping;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Sweeps the projection every {@code interval} for calls that will never end on their own (a lost
 * offer, media that never came up, a call past the maximum duration) and closes them through
 * {@code call.events} ({@link CallCloser}), then deletes quality samples past the retention. Time comes from the injected clock; a failed sweep is
 * logged and the next one tries again.
 */
final class Housekeeping implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

  private final StaleCallFinder finder;
  private final CallCloser closer;
  private final QualityRetention retention;
  private final HousekeepingProperties rules;
  private final Clock clock;
  private final MeterRegistry meters;
  private Scheduler scheduler;
  private volatile Disposable sweeps;

  Housekeeping(StaleCallFinder finder, CallCloser closer, QualityRetention retention, HousekeepingProperties rules,
      Clock clock, MeterRegistry meters) {
    this.finder = finder;
    this.closer = closer;
    this.retention = retention;
    this.rules = rules;
    this.clock = clock;
    this.meters = meters;
  }

  /** One sweep: stale calls closed, then old quality samples deleted. */
  Mono<Void> sweep() {
    return closeStaleCalls().then(deleteOldQualitySamples()).then();
  }

  /** The number of calls closed. */
  Mono<Integer> closeStaleCalls() {
    Instant now = clock.instant();
    return finder.find(now, rules)
        .flatMap(call -> Mono.justOrEmpty(call.closing(now, rules)))
        .concatMap(closing -> closer.close(closing, now))
        .doOnNext(closing -> {
          try (MDC.MDCCloseable c = MDC.putCloseable("callId", closing.call().callId())) {
            log.info("Closed call {} of tenant {} as {}: {}", closing.call().callId(), closing.call().tenantId(),
                closing.outcome(), closing.reason());
          }
          Counter.builder("switchboard.housekeeping.closed").tag("outcome", closing.outcome().name())
              .register(meters).increment();
        })
        .count()
        .map(Long::intValue);
  }

  /** The number of quality samples deleted. */
  Mono<Long> deleteOldQualitySamples() {
    return retention.deleteOlderThan(clock.instant().minus(rules.qualityRetention()), rules.batchSize())
        .doOnNext(deleted -> {
          if (deleted > 0) {
            log.info("Deleted {} quality samples older than {}", deleted, rules.qualityRetention());
            Counter.builder("switchboard.housekeeping.quality_samples_deleted").register(meters).increment(deleted);
          }
        });
  }

  @Override
  public synchronized void start() {
    if (sweeps != null || !rules.enabled()) {
      return;
    }
    scheduler = Schedulers.newSingle("call-state-housekeeping", true);
    sweeps = Flux.interval(rules.interval(), scheduler)
        .onBackpressureDrop()
        .concatMap(tick -> sweep().onErrorResume(error -> {
          log.warn("Housekeeping sweep failed; the next one tries again", error);
          return Mono.empty();
        }))
        .subscribe();
    log.info("Housekeeping every {}: ringing > {}, connecting > {}, calls > {}", rules.interval(),
        rules.ringingTimeout(), rules.connectingTimeout(), rules.maxCallDuration());
  }

  @Override
  public synchronized void stop() {
    if (sweeps != null) {
      sweeps.dispose();
      sweeps = null;
      scheduler.dispose();
    }
  }

  @Override
  public boolean isRunning() {
    return sweeps != null;
  }

  /** The producer goes with the context, after the last sweep. */
  void close() {
    closer.close();
  }
}
