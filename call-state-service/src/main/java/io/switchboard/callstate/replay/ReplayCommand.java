package io.switchboard.callstate.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code replay [--url=http://localhost:8082] [--interval=1s]}: asks a running call-state service to
 * replay its projection and follows it to the end, one line of progress at a time. If a replay is
 * already running, it follows that one. Exit code 0 when the new tables are live, 1 when the replay
 * failed or was cancelled, 2 on bad options or when the service cannot be reached. A command-line
 * tool: it writes to standard output and error on purpose.
 */
public final class ReplayCommand {

  private static final String USAGE = "usage: replay [--url=http://localhost:8082] [--interval=1s]";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();
  private final PrintStream out;
  private final URI endpoint;
  private final Duration interval;

  private ReplayCommand(PrintStream out, URI endpoint, Duration interval) {
    this.out = out;
    this.endpoint = endpoint;
    this.interval = interval;
  }

  /** Runs the command; returns its exit code. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    String url = "http://localhost:8082";
    Duration interval = Duration.ofSeconds(1);
    for (String arg : args) {
      try {
        if (arg.startsWith("--url=")) {
          url = arg.substring("--url=".length()).replaceAll("/+$", "");
        } else if (arg.startsWith("--interval=")) {
          interval = DurationStyle.detectAndParse(arg.substring("--interval=".length()));
        } else {
          err.println("unknown option " + arg + "\n" + USAGE);
          return 2;
        }
      } catch (RuntimeException e) {
        err.println("bad option " + arg + ": " + e.getMessage() + "\n" + USAGE);
        return 2;
      }
    }
    try {
      return new ReplayCommand(out, URI.create(url + "/admin/replay"), interval).follow();
    } catch (IOException | JacksonException | IllegalArgumentException e) {
      err.println("replay: cannot reach the call-state service at " + url + ": " + e);
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private int follow() throws IOException, InterruptedException {
    HttpResponse<String> started = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    if (started.statusCode() == 409) {
      out.println("A replay is already running; following it.");
    } else if (started.statusCode() != 202) {
      throw new IOException("POST " + endpoint + " answered " + started.statusCode() + ": " + started.body());
    }
    String last = "";
    while (true) {
      ReplayStatus status = status();
      String line = describe(status);
      if (!line.equals(last)) {
        out.println(line);
        last = line;
      }
      if (!status.active()) {
        return status.phase() == ReplayPhase.DONE ? 0 : 1;
      }
      Thread.sleep(interval.toMillis());
    }
  }

  private ReplayStatus status() throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + endpoint + " answered " + response.statusCode() + ": " + response.body());
    }
    return json.readValue(response.body(), ReplayStatus.class);
  }

  /** One line for a status, e.g. {@code REBUILDING 41% 412,000 records, 7,800 events/s, lag 588,000, ETA 75 s}. */
  public static String describe(ReplayStatus s) {
    switch (s.phase()) {
      case DONE:
        return String.format(Locale.ROOT, "DONE %,d records in %s at %,.0f events/s; live projection paused %d ms; "
            + "the replaced tables are in schema %s", s.records(), took(s), s.eventsPerSecond(),
            s.pausedMillis() == null ? 0 : s.pausedMillis(), s.retiredSchema());
      case FAILED:
        return "FAILED " + s.error() + " (the old tables stay live)";
      case CANCELLED:
        return "CANCELLED (the old tables stay live)";
      case REBUILDING:
      case SWITCHING:
        return String.format(Locale.ROOT, "%s %s %,d records, %,.0f events/s, lag %s, ETA %s", s.phase(),
            s.percent() == null ? "?%" : String.format(Locale.ROOT, "%.0f%%", Math.floor(s.percent())), s.records(),
            s.eventsPerSecond(), s.lag() < 0 ? "?" : String.format(Locale.ROOT, "%,d", s.lag()),
            s.etaSeconds() == null ? "?" : s.etaSeconds() + " s");
      default:
        return s.phase().name();
    }
  }

  private static String took(ReplayStatus s) {
    if (s.startedAt() == null || s.finishedAt() == null) {
      return "?";
    }
    return String.format(Locale.ROOT, "%.1f s", Duration.between(s.startedAt(), s.finishedAt()).toMillis() / 1000.0);
  }
}
