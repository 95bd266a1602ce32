package io.switchboard.callstate.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code replay [--url=http://localhost:8082] [--interval=1s] [credential]}: asks a running
 * call-state service to replay its projection and follows it to the end, one line of progress at a
 * time. If a replay is already running, it follows that one. The service needs a service
 * credential: {@code --token=…} (or {@code SWITCHBOARD_TOKEN}), or {@code --token-url=… --client-id=…
 * --client-secret=…} (or {@code SWITCHBOARD_CLIENT_SECRET}) to fetch one with the client credentials
 * grant. Exit code 0 when the new tables are live, 1 when the replay failed or was cancelled, 2 on
 * bad options, when the service cannot be reached, when no token can be had, or when the service
 * refuses the credential (401, 403). A command-line tool: it writes to standard output and error on
 * purpose.
 */
public final class ReplayCommand {

  private static final String USAGE = "usage: replay [--url=http://localhost:8082] [--interval=1s] "
      + "[--token=TOKEN | --token-url=URL --client-id=ID --client-secret=SECRET]\n"
      + "  the token and the secret may come from SWITCHBOARD_TOKEN and SWITCHBOARD_CLIENT_SECRET instead";

  private static final List<String> AUTH_OPTIONS = List.of("token", "token-url", "client-id", "client-secret");

  private final HttpClient http;
  private final JsonMapper json = JsonMapper.builder().build();
  private final PrintStream out;
  private final URI endpoint;
  private final Duration interval;
  private final ReplayCredential credential;

  private ReplayCommand(HttpClient http, PrintStream out, URI endpoint, Duration interval,
      ReplayCredential credential) {
    this.http = http;
    this.out = out;
    this.endpoint = endpoint;
    this.interval = interval;
    this.credential = credential;
  }

  /** Runs the command with the process's environment; returns its exit code. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return run(args, System.getenv(), out, err);
  }

  /** Runs the command; {@code env} gives {@code SWITCHBOARD_TOKEN} and {@code SWITCHBOARD_CLIENT_SECRET}. */
  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    String url = "http://localhost:8082";
    Duration interval = Duration.ofSeconds(1);
    Map<String, String> auth = new HashMap<>();
    for (String arg : args) {
      try {
        if (arg.startsWith("--url=")) {
          url = arg.substring("--url=".length()).replaceAll("/+$", "");
        } else if (arg.startsWith("--interval=")) {
          interval = DurationStyle.detectAndParse(arg.substring("--interval=".length()));
        } else if (AUTH_OPTIONS.stream().anyMatch(option -> arg.startsWith("--" + option + "="))) {
          auth.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        } else {
          err.println("unknown option " + arg + "\n" + USAGE);
          return 2;
        }
      } catch (RuntimeException e) {
        err.println("bad option " + arg + ": " + e.getMessage() + "\n" + USAGE);
        return 2;
      }
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ReplayCredential credential;
    try {
      credential = credential(http, auth, env);
    } catch (IllegalArgumentException e) {
      err.println("bad options: " + e.getMessage() + "\n" + USAGE);
      return 2;
    }
    try {
      return new ReplayCommand(http, out, URI.create(url + "/admin/replay"), interval, credential).follow();
    } catch (Refused e) {
      err.println("replay: " + e.getMessage());
      return 2;
    } catch (ReplayCredential.CredentialException e) {
      err.println("replay: no service token: " + e.getMessage());
      return 2;
    } catch (IOException | JacksonException | IllegalArgumentException e) {
      err.println("replay: cannot reach the call-state service at " + url + ": " + e);
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private static ReplayCredential credential(HttpClient http, Map<String, String> options, Map<String, String> env) {
    String token = options.getOrDefault("token", env.get("SWITCHBOARD_TOKEN"));
    String secret = options.getOrDefault("client-secret", env.get("SWITCHBOARD_CLIENT_SECRET"));
    String clientId = options.get("client-id");
    String tokenUrl = options.get("token-url");
    if (clientId == null && tokenUrl == null) {
      return token == null || token.isBlank() ? ReplayCredential.none() : ReplayCredential.bearer(token.trim());
    }
    if (options.containsKey("token")) {
      throw new IllegalArgumentException("--token and --client-id/--token-url exclude each other");
    }
    if (clientId == null || clientId.isBlank() || tokenUrl == null || secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("--client-id, --token-url and --client-secret (or SWITCHBOARD_CLIENT_SECRET) "
          + "go together");
    }
    URI tokenUri = URI.create(tokenUrl);
    if (!"http".equals(tokenUri.getScheme()) && !"https".equals(tokenUri.getScheme())) {
      throw new IllegalArgumentException("--token-url must be an http(s) URL: " + tokenUrl);
    }
    return ReplayCredential.clientCredentials(http, tokenUri, clientId, secret, Clock.systemUTC());
  }

  private int follow() throws IOException, InterruptedException {
    HttpResponse<String> started = send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.noBody()));
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
    HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30)).GET());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + endpoint + " answered " + response.statusCode() + ": " + response.body());
    }
    return json.readValue(response.body(), ReplayStatus.class);
  }

  /** Sends with the credential; a 401 or 403 ends the command. */
  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    String authorization = credential.authorization();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 401) {
      throw new Refused("the call-state service at " + endpoint + " refused the request (401): "
          + (authorization == null ? "it needs a service credential: pass --token, or --token-url, --client-id "
              + "and --client-secret" : "the token is not valid there") + "; it said " + response.body());
    }
    if (response.statusCode() == 403) {
      throw new Refused("the call-state service at " + endpoint + " refused the token (403): it needs the role "
          + "service; it said " + response.body());
    }
    return response;
  }

  /** The service refused the credential. */
  private static final class Refused extends IOException {
    Refused(String message) {
      super(message);
    }
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
