package io.switchboard.callstate.replay;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.springframework.context.SmartLifecycle;

/**
 * Rebuilds the projection from the beginning of the topics into fresh tables while the live ones
 * keep serving, then switches over: the live projection pauses, the rebuild reads up to at least
 * the live offsets, the tables are swapped in one transaction, and the live projection resumes
 * from the offsets stored with the new tables. One replay at a time, on a thread of its own.
 */
public final class Replay implements SmartLifecycle {

  /** Makes the run of one replay, given where it reports and what cancels it. */
  interface Runs {
    ReplayRun create(Consumer<UnaryOperator<ReplayStatus>> update, CountDownLatch cancelled);
  }

  private final Runs runs;
  private final ReplaySchemas schemas;
  private final Clock clock;

  private final Object lock = new Object();
  private volatile ReplayStatus status = ReplayStatus.idle();
  private CountDownLatch cancel = new CountDownLatch(0);
  private Thread thread;
  private volatile boolean running;

  /** {@code schemas}: for dropping the retired tables between replays. */
  Replay(Runs runs, ReplaySchemas schemas, Clock clock) {
    this.runs = runs;
    this.schemas = schemas;
    this.clock = clock;
  }

  /** Starts a replay; throws {@link ReplayConflict} if one is running. */
  public ReplayStatus begin() {
    synchronized (lock) {
      if (status.active()) {
        throw new ReplayConflict("A replay is already running (" + status.phase() + ")");
      }
      if (!running) {
        throw new ReplayConflict("The service is stopping");
      }
      status = new ReplayStatus(ReplayPhase.PREPARING, clock.instant(), null, 0, 0, -1, null, null, null, null,
          null, null);
      cancel = new CountDownLatch(1);
      CountDownLatch cancelled = cancel;
      ReplayRun run = runs.create(this::update, cancelled);
      thread = new Thread(run::run, "callstate-replay");
      thread.setDaemon(true);
      thread.start();
      return status;
    }
  }

  /** The current or the last replay. */
  public ReplayStatus status() {
    return status;
  }

  /** Cancels the running replay and waits for it to end; throws {@link ReplayConflict} if none runs. */
  public ReplayStatus cancel() {
    Thread running;
    synchronized (lock) {
      if (!status.active()) {
        throw new ReplayConflict("No replay is running");
      }
      cancel.countDown();
      running = thread;
    }
    join(running);
    return status;
  }

  /** Drops the tables the last switch-over replaced; throws {@link ReplayConflict} while a replay runs. */
  public boolean dropRetired() {
    synchronized (lock) {
      if (status.active()) {
        throw new ReplayConflict("A replay is running (" + status.phase() + ")");
      }
      return Boolean.TRUE.equals(schemas.dropRetired().block(Duration.ofMinutes(5)));
    }
  }

  private void update(UnaryOperator<ReplayStatus> change) {
    synchronized (lock) {
      status = change.apply(status);
    }
  }

  private static void join(Thread thread) {
    if (thread == null) {
      return;
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void start() {
    running = true;
  }

  /**
   * A replay running when the service stops is cancelled: its tables are dropped, the live ones stay.
   * Spring stops this bean before the live projection loop, which it depends on.
   */
  @Override
  public void stop() {
    Thread current;
    synchronized (lock) {
      running = false;
      cancel.countDown();
      current = thread;
    }
    join(current);
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
