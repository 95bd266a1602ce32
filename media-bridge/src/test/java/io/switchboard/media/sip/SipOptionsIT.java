package io.switchboard.media.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.media.TestBridge;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.TestIssuer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sip.header.AllowHeader;
import javax.sip.header.ServerHeader;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The bridge answering real SIP over loopback UDP and TCP, and coming back on the same port. */
class SipOptionsIT {

  private static final HttpClient http = HttpClient.newHttpClient();
  private static SipTestClient client;
  private static int sipPort;
  private static ConfigurableApplicationContext bridge;

  @BeforeAll
  static void startBridgeAndClient() throws Exception {
    client = new SipTestClient();
    sipPort = FreePorts.udpAndTcp();
    bridge = startBridge(sipPort);
  }

  @AfterAll
  static void stopBridgeAndClient() throws Exception {
    if (bridge != null) {
      bridge.close();
    }
    if (client != null) {
      client.close();
    }
  }

  @Test
  void answersOptionsOverUdpWithAllow() throws Exception {
    Response ok = client.send("OPTIONS", "udp", sipPort);

    assertThat(ok.getStatusCode()).isEqualTo(200);
    assertThat(allowed(ok)).contains("OPTIONS", "REGISTER", "INVITE", "ACK", "BYE", "CANCEL", "INFO", "REFER");
    assertThat(((ServerHeader) ok.getHeader(ServerHeader.NAME)).getProduct().next())
        .isEqualTo("Switchboard media-bridge");
  }

  @Test
  void answersOptionsOverTcpWithAllow() throws Exception {
    Response ok = client.send("OPTIONS", "tcp", sipPort);

    assertThat(ok.getStatusCode()).isEqualTo(200);
    assertThat(allowed(ok)).contains("OPTIONS");
  }

  @Test
  void answersAMethodWithoutAHandlerWith405() throws Exception {
    assertThat(client.send("MESSAGE", "udp", sipPort).getStatusCode()).isEqualTo(405);
    assertThat(client.send("MESSAGE", "tcp", sipPort).getStatusCode()).isEqualTo(405);
  }

  @Test
  void healthShowsSipUpWithTheBoundPorts() throws Exception {
    JsonNode health = JsonMapper.builder().build().readTree(get(bridge, "/actuator/health"));
    JsonNode sip = health.path("components").path("sip");

    assertThat(sip.path("status").asString()).isEqualTo("UP");
    JsonNode listening = sip.path("details").path("listening");
    assertThat(listening.path("udp").asString()).isEqualTo("127.0.0.1:" + sipPort);
    assertThat(listening.path("tcp").asString()).isEqualTo("127.0.0.1:" + sipPort);
  }

  @Test
  void prometheusCountsRequestsAndResponses() throws Exception {
    String requests = "switchboard_sip_requests_total";
    double before = counter(get(bridge, "/actuator/prometheus"), requests, "method", "OPTIONS");

    client.send("OPTIONS", "udp", sipPort);

    String scrape = get(bridge, "/actuator/prometheus");
    assertThat(counter(scrape, requests, "method", "OPTIONS")).isEqualTo(before + 1);
    assertThat(counter(scrape, "switchboard_sip_responses_total", "status", "200"))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void restartsOnTheSamePortInTheSameJvmAndLeavesNoThreadBehind() throws Exception {
    int port = FreePorts.udpAndTcp();
    Set<Thread> before = nonDaemonThreads();

    ConfigurableApplicationContext first = startBridge(port);
    assertThat(client.send("OPTIONS", "tcp", port).getStatusCode()).isEqualTo(200);
    first.close();

    Poll.until(
        // Netty's global event executor lingers about a second after use; the SIP stack's threads
        // end with stop().
        Duration.ofSeconds(10),
        "the SIP stack's non-daemon threads to end",
        () -> {
          Set<Thread> left = nonDaemonThreads();
          left.removeAll(before);
          assertThat(left).as("non-daemon threads left after close").isEmpty();
          return true;
        });
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port));
        ServerSocket tcp = new ServerSocket()) {
      tcp.bind(new InetSocketAddress(loopback, port));
    }

    ConfigurableApplicationContext second = startBridge(port);
    try {
      assertThat(client.send("OPTIONS", "udp", port).getStatusCode()).isEqualTo(200);
      assertThat(client.send("OPTIONS", "tcp", port).getStatusCode()).isEqualTo(200);
    } finally {
      second.close();
    }
  }

  @Test
  void failsToStartWhenTheSipPortIsTakenAndReleasesWhatItHadBound() throws Exception {
    int port = FreePorts.udpAndTcp();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    Set<Thread> before = nonDaemonThreads();

    // UDP binds first, then TCP fails: the UDP listening point must be let go.
    try (ServerSocket tcpTaken = new ServerSocket()) {
      tcpTaken.bind(new InetSocketAddress(loopback, port));
      assertThatThrownBy(() -> startBridge(port))
          .satisfies(
              failure ->
                  assertThat(causes(failure))
                      .contains("Cannot listen for SIP over TCP on 127.0.0.1:" + port));
    }

    try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
      assertThat(udp.getLocalPort()).isEqualTo(port);
    }
    Poll.until(
        Duration.ofSeconds(10),
        "threads of the failed start to end",
        () -> {
          Set<Thread> left = nonDaemonThreads();
          left.removeAll(before);
          assertThat(left).as("non-daemon threads left after a failed start").isEmpty();
          return true;
        });
  }

  private static String causes(Throwable failure) {
    StringBuilder messages = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    return messages.toString();
  }

  private static ConfigurableApplicationContext startBridge(int port) {
    return TestBridge.start(port);
  }

  private static List<String> allowed(Response response) {
    List<String> methods = new ArrayList<>();
    response
        .getHeaders(AllowHeader.NAME)
        .forEachRemaining(header -> methods.add(((AllowHeader) header).getMethod()));
    return methods;
  }

  private static String get(ConfigurableApplicationContext context, String path) throws Exception {
    String port = context.getEnvironment().getProperty("local.server.port");
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TestIssuer.shared().serviceToken("media-it"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
    return response.body();
  }

  /** The value of one Prometheus counter sample, 0 when absent. */
  private static double counter(String scrape, String name, String tag, String value) {
    Pattern sample =
        Pattern.compile(
            "^" + name + "\\{[^}]*" + tag + "=\"" + value + "\"[^}]*\\} (\\S+)$", Pattern.MULTILINE);
    Matcher matcher = sample.matcher(scrape);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  /**
   * Non-daemon threads, leaving out the shared embedded broker's executors ({@code
   * executor-share-coordinator}, {@code executor-Fetch}, …), which it starts when it first needs them,
   * whichever test is running then: they are the broker's, not the bridge's.
   */
  private static Set<Thread> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && !thread.isDaemon())
        .filter(thread -> !thread.getName().startsWith("executor-"))
        .collect(Collectors.toSet());
  }
}
