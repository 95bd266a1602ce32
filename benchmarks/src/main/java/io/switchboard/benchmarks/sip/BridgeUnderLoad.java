package io.switchboard.benchmarks.sip;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.media.MediaBridgeApplication;
import io.switchboard.media.sip.call.InboundRoutes;
import io.switchboard.media.sip.registrar.SipTopics;
import io.switchboard.routing.RoutingApplication;
import io.switchboard.testsupport.OwnNettyResources;
import io.switchboard.testsupport.SharedKafka;
import io.switchboard.testsupport.TestIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The media bridge as production chains it, in one JVM for {@code bench/sip-bridge.sh}: the embedded
 * KRaft broker of test-support, the routing engine (Kafka Streams), the bridge (registrar, B2BUA,
 * relay) on 127.0.0.1, a queue with the routing defaults, N agents with SIP accounts, registered
 * with digest by SIPp and AVAILABLE. INVITEs from loopback enter the queue ({@link LoopbackTrunk}).
 * Writes {@code ready} into the work folder once calls can come, then runs until SIGTERM.
 */
public final class BridgeUnderLoad {

  private static final Logger log = LoggerFactory.getLogger(BridgeUnderLoad.class);
  static final String TENANT = "bench-sip";
  static final String REALM = "bench-sip.example";
  static final String QUEUE = "support";
  /** call-state-service shares the benchmarks' class path: its database auto-configuration stays off here. */
  private static final String NO_DATABASE = "--spring.autoconfigure.exclude=" + String.join(",",
      "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
      "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
      "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcRepositoriesAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");

  private BridgeUnderLoad() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable e) {
      // The broker's and the stack's threads would keep a half-started JVM alive.
      log.error("The bridge under load did not start", e);
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    BridgeOptions options;
    try {
      options = BridgeOptions.parse(args);
    } catch (IllegalArgumentException e) {
      log.error("{}", e.getMessage());
      System.exit(2);
      return;
    }
    Files.createDirectories(options.work());
    // The logback configuration the script gives stays: each Spring context would reset it otherwise.
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    long start = System.nanoTime();
    String bootstrap = SharedKafka.bootstrapServers();
    SharedKafka.createTopics(List.of(SipTopics.CREDENTIALS, SipTopics.BINDINGS));
    String issuer = TestIssuer.shared().issuerUri();
    List<String> routingSettings = new ArrayList<>(List.of(
        "--switchboard.kafka.bootstrap-servers=" + bootstrap,
        "--switchboard.instance-id=bench-routing",
        "--switchboard.routing.application-id=bench-sip-routing",
        "--switchboard.routing.state-dir=" + Files.createTempDirectory("bench-sip-routing"),
        "--switchboard.security.issuer-uri=" + issuer,
        "--server.port=0", "--spring.main.banner-mode=off", NO_DATABASE));
    routingSettings.addAll(options.routingSettings());
    ConfigurableApplicationContext routing = RoutingApplication.application().initializers(new OwnNettyResources())
        .run(routingSettings.toArray(String[]::new));
    AgentFleet fleet = new AgentFleet(bootstrap, TENANT, REALM, QUEUE, options.agents());
    fleet.publishAccounts();
    InboundRoutes trunk = new LoopbackTrunk(TENANT, QUEUE);
    List<String> settings = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off", NO_DATABASE,
        "--switchboard.instance-id=bench-media-bridge",
        "--switchboard.kafka.bootstrap-servers=" + bootstrap,
        "--switchboard.security.issuer-uri=" + issuer,
        "--switchboard.media.sip.host=127.0.0.1",
        "--switchboard.media.sip.port=" + options.sipPort(),
        // SIPp 3.6 answers only the first challenge, and only with MD5.
        "--switchboard.media.sip.registrar.algorithms=MD5",
        "--switchboard.media.rtp.port-min=" + options.rtpPortMin(),
        "--switchboard.media.rtp.port-max=" + options.rtpPortMax()));
    settings.addAll(options.bridgeSettings());
    ConfigurableApplicationContext bridge = MediaBridgeApplication.application()
        .initializers(new OwnNettyResources(),
            context -> ((GenericApplicationContext) context).registerBean(InboundRoutes.class, () -> trunk,
                definition -> definition.setPrimary(true)))
        .run(settings.toArray(String[]::new));
    SetupTimes setupTimes = new SetupTimes(bootstrap, TENANT, options.work().resolve("setup-times.csv"));
    RelayCounters counters = new RelayCounters(bridge.getBean(MeterRegistry.class),
        options.work().resolve("relay-counters.csv"));
    ThreadCpu threadCpu = new ThreadCpu(options.work().resolve("thread-cpu.jsonl"));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        threadCpu.close();
        counters.close();
        setupTimes.close();
      } catch (Exception e) {
        log.warn("Set-up times not closed: {}", e.getMessage());
      }
      bridge.close();
      routing.close();
      stopped.countDown();
    }, "bench-sip-stop"));
    fleet.register("sipp", options.work(), options.sipPort(), options.agentContact(), options.registerPort(),
        options.registerRate());
    fleet.makeAvailable();
    // Routing reads the AVAILABLEs within its commit interval; a little slack before the first call.
    Thread.sleep(3000);
    Files.writeString(options.work().resolve("ready"), ProcessHandle.current().pid() + "\n");
    log.info("Ready in {} s: {} agents AVAILABLE in queue {} of {}, SIP on 127.0.0.1:{}, RTP ports {}-{}",
        (System.nanoTime() - start) / 1_000_000_000, options.agents(), QUEUE, TENANT, options.sipPort(),
        options.rtpPortMin(), options.rtpPortMax());
    stopped.await();
  }
}
