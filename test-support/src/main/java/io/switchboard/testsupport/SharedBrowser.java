package io.switchboard.testsupport;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Playwright driver and one headless system Chromium per test JVM (MEDIA-NOTES.md §6), with a
 * fresh {@link BrowserContext} per test or per party of a call. The browser gets fake media devices
 * and grants the microphone and the camera, so pages can call {@code getUserMedia} without a prompt
 * (and {@code getDisplayMedia}, which shares the whole virtual screen). Every page
 * opened through {@link Session} records its console errors and uncaught exceptions, for
 * {@link Session#assertNoConsoleErrors()}.
 *
 * <p>Without Chromium the calling test is skipped, or fails when {@value SystemTools#REQUIRE} is set
 * ({@link SystemTools#require}).
 */
public final class SharedBrowser {

  private static final Logger log = LoggerFactory.getLogger(SharedBrowser.class);
  /** The system property that names a folder for screenshots; none are taken without it. */
  public static final String SCREENSHOTS = "switchboard.screenshots";
  /** The system property that names a file for Chromium's network log (chrome://net-export format). */
  public static final String NET_LOG = "switchboard.browser.net-log";

  private static final List<String> ARGS = List.of(
      "--no-sandbox",
      "--disable-gpu",
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      // getDisplayMedia() shares the whole (virtual) screen without a picker.
      "--auto-select-desktop-capture-source=Entire screen",
      "--allow-loopback-in-peer-connection",
      "--autoplay-policy=no-user-gesture-required",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run");

  /** A page request that takes this long is logged. */
  private static final long SLOW_REQUEST_MS = 2_000;
  /** How many WebSocket frames a session keeps for {@link Session#socketFrames()}. */
  private static final int MAX_FRAMES = 60;

  private static SharedBrowser instance;

  private final Playwright playwright;
  private final Browser browser;

  private SharedBrowser(Path chromium) {
    // Must be set before create(): Playwright's own browsers cannot be downloaded here.
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    List<String> args = new ArrayList<>(ARGS);
    String netLog = System.getProperty(NET_LOG, "");
    if (!netLog.isBlank()) {
      args.add("--log-net-log=" + Path.of(netLog).toAbsolutePath());
      args.add("--net-log-capture-mode=IncludeSensitive");
    }
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(chromium)
        .setHeadless(true)
        .setArgs(args));
    log.info("Chromium {} from {}", browser.version(), chromium);
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "shared-browser-stop"));
  }

  /** The JVM's browser, launched on first use; skips the caller without Chromium. */
  public static synchronized SharedBrowser get() {
    Path chromium = SystemTools.require("chromium", "chromium");
    if (instance == null) {
      instance = new SharedBrowser(chromium);
    }
    return instance;
  }

  /** A new, isolated context (its own storage and cookies), with the microphone and the camera granted. */
  public Session newSession() {
    BrowserContext context;
    synchronized (this) {
      context = browser.newContext(new Browser.NewContextOptions()
          .setPermissions(List.of("microphone", "camera"))
          .setViewportSize(1280, 800));
    }
    return new Session(context);
  }

  /** A folder for screenshots, when {@value #SCREENSHOTS} names one. */
  public static Optional<Path> screenshotFolder() {
    String folder = System.getProperty(SCREENSHOTS, "");
    if (folder.isBlank()) {
      return Optional.empty();
    }
    Path path = Path.of(folder);
    if (path.isAbsolute()) {
      return Optional.of(path);
    }
    // Relative to the repository (the folder of mvnw), not to the module the test runs in.
    Path root = Path.of("").toAbsolutePath();
    while (root != null && !Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    return Optional.of((root == null ? Path.of("").toAbsolutePath() : root).resolve(path));
  }

  private synchronized void close() {
    try {
      browser.close();
    } catch (RuntimeException e) {
      log.debug("Chromium did not close cleanly", e);
    }
    playwright.close();
  }

  /** One browser context: pages opened in it, and the console errors they logged. */
  public static final class Session implements AutoCloseable {

    private final BrowserContext context;
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final Map<Request, Long> inFlight = new ConcurrentHashMap<>();
    private final java.util.Deque<String> frames = new java.util.ArrayDeque<>();

    private Session(BrowserContext context) {
      this.context = context;
    }

    public BrowserContext context() {
      return context;
    }

    /** A new page of this context whose console errors and uncaught exceptions are recorded. */
    public Page newPage() {
      Page page = context.newPage();
      page.onConsoleMessage(message -> {
        if ("error".equals(message.type())) {
          errors.add(page.url() + ": " + message.text());
        }
      });
      page.onPageError(error -> errors.add(page.url() + ": uncaught " + error));
      page.onRequest(request -> inFlight.put(request, System.nanoTime()));
      page.onWebSocket(socket -> {
        socket.onFrameReceived(frame -> frame(page.url() + " < " + frame.text()));
        socket.onFrameSent(frame -> frame(page.url() + " > " + frame.text()));
        socket.onClose(closed -> frame(page.url() + " closed"));
      });
      page.onRequestFinished(request -> finished(request, "finished"));
      page.onRequestFailed(request -> finished(request, "failed: " + request.failure()));
      return page;
    }

    private void finished(Request request, String how) {
      Long started = inFlight.remove(request);
      if (started != null) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (millis >= SLOW_REQUEST_MS) {
          log.info("Slow request ({} ms, {}): {} {}", millis, how, request.method(), request.url());
        }
      }
    }

    private void frame(String text) {
      synchronized (frames) {
        frames.addLast(text.length() > 300 ? text.substring(0, 300) + "…" : text);
        while (frames.size() > MAX_FRAMES) {
          frames.removeFirst();
        }
      }
    }

    /** The last WebSocket frames this context's pages sent ({@code >}) and received ({@code <}). */
    public List<String> socketFrames() {
      synchronized (frames) {
        return List.copyOf(frames);
      }
    }

    /** The requests of this context's pages that have not finished yet, with how long they have run. */
    public List<String> requestsInFlight() {
      long now = System.nanoTime();
      return inFlight.entrySet().stream()
          .map(entry -> entry.getKey().method() + " " + entry.getKey().url() + " ("
              + (now - entry.getValue()) / 1_000_000 + " ms)")
          .sorted().toList();
    }

    public List<String> consoleErrors() {
      synchronized (errors) {
        return List.copyOf(errors);
      }
    }

    public void assertNoConsoleErrors() {
      assertNoConsoleErrorsBut();
    }

    /**
     * No console error but those containing one of {@code expected}: Chromium logs every answer of
     * 400 or more to a page's {@code fetch} as an error ("Failed to load resource: the server
     * responded with a status of 400"), also one the test provoked on purpose.
     */
    public void assertNoConsoleErrorsBut(String... expected) {
      List<String> found = consoleErrors().stream()
          .filter(error -> java.util.Arrays.stream(expected).noneMatch(error::contains)).toList();
      if (!found.isEmpty()) {
        throw new AssertionError("Console errors:\n  " + String.join("\n  ", found));
      }
    }

    /** A full-page screenshot named {@code name}.png, only when {@value #SCREENSHOTS} is set. */
    public static void screenshot(Page page, String name) {
      screenshotFolder().ifPresent(folder -> {
        try {
          Files.createDirectories(folder);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(folder.resolve(name + ".png")).setFullPage(true));
      });
    }

    @Override
    public void close() {
      context.close();
    }
  }
}
