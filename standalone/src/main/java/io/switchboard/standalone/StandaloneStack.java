package io.switchboard.standalone;

import io.switchboard.callstate.CallStateApplication;
import io.switchboard.gateway.GatewayApplication;
import io.switchboard.gateway.events.TablesHealth;
import io.switchboard.identity.IdentityApplication;
import io.switchboard.identity.firststart.InitialAdmin;
import io.switchboard.media.MediaBridgeApplication;
import io.switchboard.routing.RoutingApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole of Switchboard in one process: an embedded Kafka broker, an embedded PostgreSQL, and
 * the identity service and the four services, each in its own Spring context so that they stay as separate as in a
 * distributed deployment. The services can be stopped and started again while the broker and the
 * database keep running.
 */
public final class StandaloneStack implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StandaloneStack.class);

  /** Database auto-configuration that only the call-state service wants. */
  private static final String NO_DATABASE = String.join(",",
      "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
      "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
      "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcRepositoriesAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");

  private static final Duration LEFTOVER_STOP_TIMEOUT = Duration.ofSeconds(60);
  // How long the start waits for the gateway's tables; a broker that slow is worth a warning, not a stop.
  private static final Duration TABLES_LOAD_TIMEOUT = Duration.ofSeconds(60);

  private final StandaloneSettings settings;
  private final EmbeddedDatabase database;
  private final EmbeddedBroker broker;
  private final DataFolderLock lock;
  private final ServiceSecrets secrets;
  private final List<ConfigurableApplicationContext> services = new ArrayList<>();

  private StandaloneStack(StandaloneSettings settings, EmbeddedDatabase database, EmbeddedBroker broker,
      DataFolderLock lock, ServiceSecrets secrets) {
    this.settings = settings;
    this.database = database;
    this.broker = broker;
    this.lock = lock;
    this.secrets = secrets;
  }

  /**
   * Starts the database, the broker and the services, and returns once all are up.
   *
   * @throws StartupException when the data folder is in use by a running stack, or a port is taken
   */
  public static StandaloneStack start(StandaloneSettings settings) {
    DataFolderLock lock = DataFolderLock.acquire(settings.dataDir());
    try {
      Path postgresData = settings.dataDir().resolve("postgres");
      // Before the port check: a server left running by a crashed run of this folder holds its port.
      LeftoverDatabase.stopIfRunning(postgresData, LEFTOVER_STOP_TIMEOUT);
      new FreePorts(PortOwners.system()).check(settings.host(), settings.listenPorts());
      ServiceSecrets secrets = ServiceSecrets.load(settings.dataDir(), ServiceProperties.SECRETS);
      return start(settings, lock, secrets, postgresData);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static StandaloneStack start(StandaloneSettings settings, DataFolderLock lock, ServiceSecrets secrets,
      Path postgresData) {
    // The database and the broker do not need each other: start them side by side.
    CompletableFuture<EmbeddedDatabase> database = CompletableFuture.supplyAsync(() -> EmbeddedDatabase.start(
        postgresData, settings.host(), settings.postgresPort()));
    EmbeddedBroker broker;
    try {
      broker = EmbeddedBroker.start(settings.dataDir().resolve("kafka"), settings.host(),
          settings.kafkaPort(), settings.controllerPort());
    } catch (RuntimeException e) {
      try {
        database.join().close();
      } catch (RuntimeException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      throw e;
    }
    StandaloneStack stack;
    try {
      stack = new StandaloneStack(settings, database.join(), broker, lock, secrets);
    } catch (CompletionException e) {
      broker.close();
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    try {
      stack.startServices();
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  /** Starts the identity service and the four services against the running broker and database. */
  public synchronized void startServices() {
    if (!services.isEmpty()) {
      throw new IllegalStateException("The services are already running");
    }
    Map<String, Supplier<SpringApplicationBuilder>> applications = new LinkedHashMap<>();
    // The issuer first: the services check tokens against it and the gateway gets its own from it.
    applications.put("identity-service", IdentityApplication::application);
    applications.put("routing-streams", () -> RoutingApplication.application().web(WebApplicationType.REACTIVE));
    // The identity service brings servlet classes to the classpath: the others are said to be WebFlux.
    applications.put("call-state-service", () -> CallStateApplication.application().web(WebApplicationType.REACTIVE));
    applications.put("media-bridge", () -> MediaBridgeApplication.application().web(WebApplicationType.REACTIVE));
    applications.put("signaling-gateway", () -> GatewayApplication.application().web(WebApplicationType.REACTIVE));
    for (var entry : applications.entrySet()) {
      long start = System.nanoTime();
      // As command-line arguments, so that they override each service's own <module>.yml defaults.
      String[] arguments = ServiceProperties.of(entry.getKey(), settings, database, secrets).entrySet().stream()
          .map(property -> "--" + property.getKey() + "=" + property.getValue())
          .toArray(String[]::new);
      ConfigurableApplicationContext context = entry.getValue().get()
          .bannerMode(org.springframework.boot.Banner.Mode.OFF)
          .registerShutdownHook(false)
          .initializers(new OwnNettyResources())
          .run(arguments);
      services.add(context);
      log.info("{} started in {} ms", entry.getKey(), (System.nanoTime() - start) / 1_000_000);
      if (entry.getKey().equals("signaling-gateway")) {
        awaitTablesLoaded(context.getBean(TablesHealth.class));
      }
    }
  }

  /**
   * Waits until the gateway has read its compacted topics (queue configs, SIP trunks, numbers and
   * accounts, widget keys…), so that the stack is ready when its URLs are printed: before that their
   * admin API answers 503.
   */
  private static void awaitTablesLoaded(TablesHealth tables) {
    long deadline = System.nanoTime() + TABLES_LOAD_TIMEOUT.toNanos();
    List<String> loading = tables.loading();
    while (!loading.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      loading = tables.loading();
    }
    if (!loading.isEmpty()) {
      log.warn("The gateway is still loading {} after {} s; their admin API answers 503 until it has", loading,
          TABLES_LOAD_TIMEOUT.toSeconds());
    }
  }

  /** Stops the services, newest first, leaving the broker and the database running. */
  public synchronized void stopServices() {
    List<ConfigurableApplicationContext> running = new ArrayList<>(services);
    Collections.reverse(running);
    for (ConfigurableApplicationContext context : running) {
      try {
        context.close();
      } catch (RuntimeException e) {
        log.warn("A service did not stop cleanly", e);
      }
    }
    services.clear();
  }

  public StandaloneSettings settings() {
    return settings;
  }

  /** The addresses a user needs, in the order they are printed. */
  public Map<String, String> urls() {
    String http = "http://" + settings.host() + ":";
    Map<String, String> urls = new LinkedHashMap<>();
    urls.put("Web UI", http + settings.gatewayPort() + "/");
    urls.put("REST API", http + settings.gatewayPort() + "/api/v1");
    urls.put("API docs", http + settings.gatewayPort() + "/swagger-ui.html");
    urls.put("Sign-in and tokens", settings.issuerUrl() + " (OIDC issuer)");
    urls.put("WebSocket", "ws://" + settings.host() + ":" + settings.gatewayPort() + "/ws");
    urls.put("Gateway health", http + settings.gatewayPort() + "/actuator/health");
    urls.put("Routing health", http + settings.routingPort() + "/actuator/health");
    urls.put("Call-state health", http + settings.callStatePort() + "/actuator/health");
    urls.put("Media-bridge health", http + settings.mediaPort() + "/actuator/health");
    urls.put("SIP (UDP and TCP)", "sip:" + settings.host() + ":" + settings.sipPort());
    urls.put("Kafka", settings.kafkaBootstrap());
    urls.put("PostgreSQL", database.jdbcUrl() + " (user " + EmbeddedDatabase.USER + ")");
    return urls;
  }

  /**
   * How the admin signs in: with the generated password on the first start, and where that password
   * was kept on later ones.
   */
  public synchronized String adminSignIn() {
    InitialAdmin admin = services.stream()
        .filter(context -> context.getBeanNamesForType(InitialAdmin.class).length > 0)
        .findFirst().orElseThrow(() -> new IllegalStateException("The identity service is not running"))
        .getBean(InitialAdmin.class);
    return admin.generatedPassword()
        .map(password -> "First start: sign in as '" + admin.username() + "' with password " + password
            + "\n  (shown this once; also in " + admin.passwordFile() + ")")
        .orElse("Sign in as '" + admin.username() + "': the password made on the first start is in "
            + admin.passwordFile());
  }

  @Override
  public synchronized void close() {
    stopServices();
    try {
      broker.close();
    } finally {
      try {
        database.close();
      } finally {
        lock.close();
      }
    }
  }

  static String noDatabase() {
    return NO_DATABASE;
  }
}
