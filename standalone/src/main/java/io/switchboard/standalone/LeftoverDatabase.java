package io.switchboard.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that an earlier run of the stack started in this data folder and that outlived
 * it: the embedded server runs as its own process, so a kill -9 of the stack leaves it running,
 * holding the port and the folder. Only called while the {@link DataFolderLock} is held, which proves
 * that no live stack owns it.
 */
final class LeftoverDatabase {

  private static final Logger log = LoggerFactory.getLogger(LeftoverDatabase.class);

  private LeftoverDatabase() {}

  /** Stops the server that {@code dataDir}'s {@code postmaster.pid} names, if it is still running. */
  static void stopIfRunning(Path dataDir, Duration timeout) {
    Optional<ProcessHandle> server = running(dataDir);
    if (server.isEmpty()) {
      return;
    }
    long pid = server.get().pid();
    log.warn("PostgreSQL (process {}) of an earlier run is still serving {}: stopping it (fast shutdown)", pid, dataDir);
    fastShutdown(server.get());
    try {
      server.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new StartupException("PostgreSQL (process " + pid + ") of an earlier run, serving " + dataDir
          + ", did not stop within " + timeout.toSeconds() + " s. Stop it with 'kill -INT " + pid + "' and start again.");
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException("Interrupted while stopping PostgreSQL (process " + pid + ")");
    }
    log.info("PostgreSQL of the earlier run stopped");
  }

  /** The live postmaster named by the folder's {@code postmaster.pid}, if it is a PostgreSQL process. */
  static Optional<ProcessHandle> running(Path dataDir) {
    Path pidFile = dataDir.resolve("postmaster.pid");
    List<String> lines;
    try {
      lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    } catch (IOException noFile) {
      return Optional.empty();
    }
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    // A pid file left by a server that died: its pid may since have gone to an unrelated process.
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false));
  }

  /** SIGINT is PostgreSQL's fast shutdown: open transactions roll back, the server checkpoints and exits. */
  private static void fastShutdown(ProcessHandle server) {
    try {
      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(server.pid()))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0) {
        return;
      }
    } catch (IOException e) {
      // no kill command: fall back to SIGTERM below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // SIGTERM, PostgreSQL's smart shutdown: it waits for sessions, and those of the dead run are gone.
    server.destroy();
  }
}
