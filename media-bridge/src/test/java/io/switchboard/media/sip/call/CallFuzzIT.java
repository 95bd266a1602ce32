package io.switchboard.media.sip.call;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.switchboard.media.TestBridge;
import io.switchboard.media.rtp.RtpMutations;
import io.switchboard.media.rtp.TestPhone;
import io.switchboard.media.sip.FreePorts;
import io.switchboard.media.sip.SipMutations;
import io.switchboard.media.sip.registrar.TestCredentials;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.Poll;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The bridge with its B2BUA, the real routing engine and Kafka, under hostile input: a live call's
 * relay ports take 100,000 mutated RTP and 100,000 mutated RTCP packets, then the SIP port 100,000
 * mutated messages of every method the bridge meets (INVITE with SDP, ACK, BYE, CANCEL, REGISTER,
 * OPTIONS, INFO, re-INVITE for dialogs it does not have). Afterwards it still answers, completes a
 * clean call, and holds no dialog, transaction or relay port more than before. A second part sends
 * well-formed but wrong requests one by one and checks each one's 4xx. Seeded, so failures replay.
 */
class CallFuzzIT {

  private static final int MESSAGES = 100_000;
  private static final int PACKETS = 100_000;
  private static final long SEED = 20261203L;
  private static final Duration SETTLED = Duration.ofSeconds(90);
  /** Growth of the heap used after a GC that counts as a leak: far above what the test itself keeps. */
  private static final long HEAP_BOUND = 96L * 1024 * 1024;
  private static final String PASSWORD = "correct-horse-battery";
  private static final String TENANT = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String REALM = TENANT + ".example";

  private static ConfigurableApplicationContext bridge;
  private static int sipPort;

  @BeforeAll
  static void routingThenBridge() throws Exception {
    TestRouting.start();
    TestCredentials.publish(TENANT, REALM, List.of("ann"), PASSWORD, List.of("live"));
    TestCredentials.publish(TENANT, REALM, List.of("bea"), PASSWORD, List.of("after"));
    sipPort = FreePorts.udpAndTcp();
    InboundRoutes routes = (invite, source) -> {
      String number = invite.getRequestURI() instanceof javax.sip.address.SipURI uri ? uri.getUser() : null;
      return switch (number == null ? "" : number) {
        case "live", "after", "flood", "wrong" -> new InboundRoutes.Accepted(TENANT, number, "fuzz-trunk", Map.of());
        default -> new InboundRoutes.Refused(404, "No such number");
      };
    };
    bridge = TestBridge.startWith(sipPort, routes,
        "--switchboard.instance-id=call-fuzz-" + TENANT,
        "--switchboard.media.sip.audit.interval=1s",
        "--switchboard.media.sip.audit.unowned-dialog-age=60s",
        // Sixteen sessions: the flood's INVITEs find the ports exhausted, as a real flood would. Below the
        // kernel's ephemeral ports (32768 up), where any client socket of the machine may hold one.
        "--switchboard.media.rtp.port-min=31100",
        "--switchboard.media.rtp.port-max=31163",
        // Long enough that a loaded machine's flood, one valid packet in ten, does not end the live call.
        "--switchboard.media.rtp.timeout=30s");
  }

  @AfterAll
  static void stop() {
    if (bridge != null) {
      bridge.close();
    }
  }

  @Test
  void aFloodOfMutatedSipAndMediaLeavesNoDialogTransactionOrPortBehind() throws Exception {
    MeterRegistry meters = bridge.getBean(MeterRegistry.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    List<Logger> watched = List.of((Logger) LoggerFactory.getLogger("gov.nist"),
        (Logger) LoggerFactory.getLogger("io.switchboard.media"));
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        CallPhone ann = agentPhone("ann", agentEvents);
        CallPhone bea = agentPhone("bea", agentEvents);
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      InetSocketAddress bridgeAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), sipPort);
      double portsBefore = gauge(meters, "switchboard.media.rtp.ports.in.use");
      double refusedBefore = sum(meters.find("switchboard.sip.stack.errors"));
      long heapBefore = usedHeapAfterGc();
      log.start();
      watched.forEach(logger -> logger.addAppender(log));
      try {
        // A live call: its relay ports take mutated RTP and RTCP from the caller's own sockets.
        try (CallPhone caller = new CallPhone("live-caller")) {
          caller.call(sipPort, "live", caller.sdp("PCMU", "telephone-event"));
          ann.awaitRequest(Request.INVITE);
          caller.awaitStatus(200);
          fuzzMedia(meters, caller, ann);
          caller.bye();
          ann.awaitRequest(Request.BYE);
        }

        fuzzSip(socket, bridgeAddress);

        Poll.until(SETTLED, "the bridge answering OPTIONS after the fuzz",
            () -> options(socket, bridgeAddress).startsWith("SIP/2.0 200") ? true : null);
        // Nothing left: every transaction ended, every dialog with it, every relay port released.
        Poll.until(SETTLED, "no SIP dialog, transaction or relay port left", () ->
            gauge(meters, "switchboard.sip.dialogs") == 0
                && gauge(meters, "switchboard.sip.transactions", "side", "server") == 0
                && gauge(meters, "switchboard.sip.transactions", "side", "client") == 0
                && gauge(meters, "switchboard.media.rtp.ports.in.use") == portsBefore ? true : null);
        assertThat(meters.counter("switchboard.sip.audit.dialogs.ended").count())
            .as("dialogs no call owned, ended by the audit").isZero();
      } finally {
        watched.forEach(logger -> logger.detachAppender(log));
      }

      // A clean call still goes through, to the other agent.
      try (CallPhone caller = new CallPhone("clean-caller")) {
        caller.call(sipPort, "after", caller.sdp("PCMU"));
        bea.awaitRequest(Request.INVITE);
        assertThat(caller.awaitFinal().getStatusCode()).isEqualTo(200);
        caller.bye();
        bea.awaitRequest(Request.BYE);
      }

      List<ILoggingEvent> lines = new ArrayList<>(log.list);
      assertThat(lines).as("log lines during %d datagrams and %d packets", MESSAGES, 2 * PACKETS)
          .hasSizeLessThan(MESSAGES / 100)
          .noneMatch(line -> line.getThrowableProxy() != null && line.getLevel().isGreaterOrEqual(Level.INFO));
      assertThat(sum(meters.find("switchboard.sip.stack.errors")) - refusedBefore).as("refused SIP input counted")
          .isGreaterThan(MESSAGES / 100.0);
      // Flat: what the flood left on the heap is collected.
      Poll.until(SETTLED, "the used heap after a GC back within " + HEAP_BOUND / (1024 * 1024) + " MiB of before",
          () -> usedHeapAfterGc() - heapBefore < HEAP_BOUND ? true : null);
    }
  }

  /** A well-formed request the bridge must refuse, the codes it may answer, and a header line the answer must hold. */
  /** {@code mustHold}: a regular expression one line of the answer must match from its start, or null. */
  private record Wrong(String what, String request, List<Integer> codes, String mustHold) {}

  private static boolean holds(String answer, String line) {
    Pattern pattern = Pattern.compile(line);
    return answer.lines().anyMatch(each -> pattern.matcher(each).lookingAt());
  }

  @Test
  void wellFormedButWrongRequestsAreEachAnsweredWithTheirFourHundred() throws Exception {
    MeterRegistry meters = bridge.getBean(MeterRegistry.class);
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), sipPort);
      int local = socket.getLocalPort();
      String pcmu = FuzzTemplates.sdp("0 101", "rtpmap:101 telephone-event/8000");
      List<Wrong> cases = new ArrayList<>();
      cases.add(new Wrong("BYE for an unknown dialog", FuzzTemplates.request("BYE sip:wrong@127.0.0.1:" + sipPort,
          local, "w1", "theirs", 2, "BYE", "", null, ""), List.of(481), null));
      cases.add(new Wrong("INFO for an unknown dialog", FuzzTemplates.request("INFO sip:wrong@127.0.0.1:" + sipPort,
          local, "w2", "theirs", 2, "INFO", "", "application/dtmf-relay", "Signal=1\r\nDuration=100\r\n"),
          List.of(481), null));
      cases.add(new Wrong("re-INVITE for an unknown dialog",
          FuzzTemplates.invite("wrong", local, sipPort, "w3", "theirs", pcmu), List.of(481), null));
      cases.add(new Wrong("BYE outside any dialog", FuzzTemplates.request("BYE sip:wrong@127.0.0.1:" + sipPort,
          local, "w4", null, 2, "BYE", "", null, ""), List.of(481), null));
      cases.add(new Wrong("CANCEL of no transaction", FuzzTemplates.request("CANCEL sip:wrong@127.0.0.1:" + sipPort,
          local, "w5", null, 1, "CANCEL", "", null, ""), List.of(481), null));
      cases.add(new Wrong("INVITE with Max-Forwards 0",
          FuzzTemplates.invite("wrong", local, sipPort, "w6", null, pcmu).replace("Max-Forwards: 70", "Max-Forwards: 0"),
          List.of(483), null));
      cases.add(new Wrong("MESSAGE, a method without a handler", FuzzTemplates.request(
          "MESSAGE sip:wrong@127.0.0.1:" + sipPort, local, "w7", null, 1, "MESSAGE", "", "text/plain", "hello"),
          List.of(405), "Allow: .*INVITE"));
      cases.add(new Wrong("SUBSCRIBE, a method without a handler", FuzzTemplates.request(
          "SUBSCRIBE sip:wrong@127.0.0.1:" + sipPort, local, "w8", null, 1, "SUBSCRIBE",
          "Event: presence\r\nContact: <sip:fuzz@127.0.0.1:" + local + ">\r\n", null, ""), List.of(405), "Allow:"));
      cases.add(new Wrong("INVITE requiring an unknown extension", FuzzTemplates.invite("wrong", local, sipPort, "w9",
          null, pcmu).replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nRequire: frobnication\r\n"),
          List.of(420), "Unsupported: frobnication"));
      cases.add(new Wrong("INVITE offering no codec in common", FuzzTemplates.invite("wrong", local, sipPort, "w10",
          null, FuzzTemplates.sdp("18", "rtpmap:18 G729/8000")), List.of(488), "Warning: 305"));
      cases.add(new Wrong("INVITE with a body that is not SDP", FuzzTemplates.invite("wrong", local, sipPort, "w11",
          null, "hello").replace("Content-Type: application/sdp", "Content-Type: text/plain"),
          List.of(415), "Accept: application/sdp"));
      cases.add(new Wrong("INVITE with SDP that does not parse", FuzzTemplates.invite("wrong", local, sipPort, "w12",
          null, "v=0\r\nm=audio banana\r\n"), List.of(400, 488), null));
      cases.add(new Wrong("INVITE without an offer", FuzzTemplates.invite("wrong", local, sipPort, "w13", null, "")
          .replace("Content-Type: application/sdp\r\n", ""), List.of(488), null));
      cases.add(new Wrong("INVITE for a number no route takes", FuzzTemplates.invite("nobody", local, sipPort, "w14",
          null, pcmu), List.of(404), null));
      cases.add(new Wrong("INVITE without Contact", FuzzTemplates.invite("wrong", local, sipPort, "w20", null, pcmu)
          .replaceFirst("Contact: [^\r]*\r\n", ""), List.of(400), null));
      cases.add(new Wrong("OPTIONS without Max-Forwards", FuzzTemplates.options(local, sipPort, "w21")
          .replace("Max-Forwards: 70\r\n", ""), List.of(400), null));
      cases.add(new Wrong("REGISTER without credentials", register(local, "w15", "Expires: 600\r\n"),
          List.of(401), "WWW-Authenticate: Digest"));
      cases.add(new Wrong("REGISTER for less than the minimum",
          register(local, "w16", authorization(socket, target, local, "w16") + "Expires: 1\r\n"),
          List.of(423), "Min-Expires:"));
      cases.add(new Wrong("REGISTER with an Expires that is no number",
          register(local, "w17", authorization(socket, target, local, "w17") + "Expires: soon\r\n"),
          List.of(400), null));
      cases.add(new Wrong("a message larger than the bridge reads", FuzzTemplates.request(
          "OPTIONS sip:bridge@127.0.0.1:" + sipPort, local, "w18", null, 1, "OPTIONS",
          "Subject: " + "x".repeat(40_000) + "\r\n", null, "").replace("Content-Length: 0", "Content-Length: 70000"),
          List.of(400), null));

      List<String> wrong = new ArrayList<>();
      for (Wrong next : cases) {
        String callId = next.request().lines().filter(line -> line.startsWith("Call-ID: ")).findFirst().orElseThrow()
            .substring("Call-ID: ".length());
        String answer = RawSip.exchange(socket, target, next.request(), callId, Duration.ofSeconds(5));
        int code = answer == null ? 0 : Integer.parseInt(answer.substring(8, 11));
        if (!next.codes().contains(code) || (next.mustHold() != null && !holds(answer, next.mustHold()))) {
          wrong.add(next.what() + ": expected " + next.codes() + (next.mustHold() == null ? "" : " with " + next.mustHold())
              + ", got " + (answer == null ? "nothing" : answer.lines().findFirst().orElse("")));
        }
      }
      assertThat(wrong).as("requests not answered as they should be").isEmpty();

      // An ACK matching no transaction is never answered: it is dropped, and counted.
      double strayBefore = meters.find("switchboard.sip.stack.errors").tag("kind", "stray-ack").functionCounter().count();
      String ack = FuzzTemplates.request("ACK sip:wrong@127.0.0.1:" + sipPort, local, "w19", null, 1, "ACK", "", null, "");
      assertThat(RawSip.exchange(socket, target, ack, "w19@127.0.0.1", Duration.ofMillis(500))).isNull();
      Poll.until(Duration.ofSeconds(10), "the stray ACK counted", () -> meters.find("switchboard.sip.stack.errors")
          .tag("kind", "stray-ack").functionCounter().count() > strayBefore ? true : null);
      assertThat(options(socket, target)).startsWith("SIP/2.0 200");
    }
  }

  /** An Authorization header line for ann, answering the challenge to a REGISTER sent first. */
  private static String authorization(DatagramSocket socket, InetSocketAddress target, int local, String id)
      throws Exception {
    String challenge = RawSip.exchange(socket, target, register(local, id + "-challenged", "Expires: 600\r\n"),
        id + "-challenged@127.0.0.1", Duration.ofSeconds(5));
    assertThat(challenge).as("the challenge to REGISTER %s", id).startsWith("SIP/2.0 401");
    Response parsed = new gov.nist.javax.sip.message.MessageFactoryImpl().createResponse(challenge);
    try (io.switchboard.media.sip.registrar.TestPhone phone =
        new io.switchboard.media.sip.registrar.TestPhone(sipPort, "ann", REALM)) {
      return "Authorization: " + phone.authorization(
          io.switchboard.media.sip.registrar.TestPhone.challengeFor(parsed, "SHA-256"), PASSWORD) + "\r\n";
    }
  }

  private static String register(int local, String id, String expires) {
    return FuzzTemplates.request("REGISTER sip:" + REALM, local, id, null, 1, "REGISTER",
        "Contact: <sip:ann@127.0.0.1:" + local + ">\r\n" + expires, null, "")
        .replace("To: <" + REALM + ">", "To: <sip:ann@" + REALM + ">")
        .replace("To: <sip:" + REALM + ">", "To: <sip:ann@" + REALM + ">")
        .replace("From: \"Fuzz\" <sip:fuzz@127.0.0.1>", "From: <sip:ann@" + REALM + ">");
  }

  /** Mutated RTP and RTCP at the caller's relay ports; the call survives and relays a clean stream afterwards. */
  private static void fuzzMedia(MeterRegistry meters, CallPhone caller, CallPhone agent) {
    InetSocketAddress rtp = caller.remoteRtp();
    InetSocketAddress rtcp = new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
    double droppedBefore = sum(meters.find("switchboard.media.rtp.dropped"));
    long ssrc = caller.media.ssrc();
    Random random = new Random(SEED);
    for (int i = 0; i < PACKETS; i++) {
      caller.media.sendRawRtp(RtpMutations.mutate(random, TestPhone.rtpPacket(ssrc, 0, i & 0x7fff)), rtp);
      caller.media.sendRtcp(RtpMutations.mutate(random, RtpMutations.rtcp(random, ssrc)), rtcp);
      if (i % 1000 == 0) {
        agent.sendRtp(i / 1000, 1); // the agent's leg is not silent meanwhile
        agent.media.rtpReceived(); // and its socket is read
        caller.media.rtpReceived();
      }
    }
    int before = agent.media.rtpReceived().size();
    // A phone's clean stream, one packet every 20 ms: the relay may still be reading the flood's backlog,
    // and a burst behind it would overflow the socket's buffer on a busy machine.
    AtomicInteger next = new AtomicInteger(60_000);
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    try {
      pacer.scheduleAtFixedRate(() -> caller.media.sendRtp(next.getAndIncrement(), rtp), 0, 20, TimeUnit.MILLISECONDS);
      Poll.until(Duration.ofSeconds(20), "50 clean packets through the call after the fuzz", () ->
          agent.media.rtpReceived().stream().skip(before).filter(packet -> sequence(packet) >= 60_000).count() >= 50
              ? true : null);
    } finally {
      pacer.shutdownNow();
    }
    assertThat(sum(meters.find("switchboard.media.rtp.dropped")) - droppedBefore).as("malformed packets counted")
        .isGreaterThan(PACKETS / 10.0);
  }

  /** {@value #MESSAGES} mutated SIP messages as fast as they go; a thread reads the answers meanwhile. */
  private static void fuzzSip(DatagramSocket socket, InetSocketAddress target) throws Exception {
    socket.setSoTimeout(200);
    AtomicLong answers = new AtomicLong();
    Thread reader = new Thread(() -> drain(socket, answers), "call-fuzz-reader");
    reader.setDaemon(true);
    reader.start();
    Random random = new Random(SEED);
    int port = socket.getLocalPort();
    for (int i = 0; i < MESSAGES; i++) {
      String valid = FuzzTemplates.message(random.nextInt(FuzzTemplates.COUNT), port, sipPort, "f" + i, REALM);
      byte[] message = SipMutations.mutate(random, valid.getBytes(StandardCharsets.ISO_8859_1));
      socket.send(new DatagramPacket(message, message.length, target));
    }
    reader.interrupt();
    reader.join();
    assertThat(answers.get()).as("answers during the fuzz").isPositive();
  }

  // ---------------------------------------------------------------------------------------------

  private CallPhone agentPhone(String user, EventLog<AgentEvent> agentEvents) throws Exception {
    CallPhone phone = new CallPhone(user);
    try (io.switchboard.media.sip.registrar.TestPhone registrar =
        new io.switchboard.media.sip.registrar.TestPhone(sipPort, user, REALM)) {
      Response ok = registrar.register("Contact: <" + phone.contact() + ">\r\nExpires: 600\r\n", PASSWORD, "SHA-256");
      assertThat(ok.getStatusCode()).isEqualTo(200);
    }
    String agentId = "agent-" + user;
    agentEvents.await(event -> agentId.equals(event.getAgentId()) && event.getPayload() instanceof AgentRegistered,
        B2buaIT.EVENTS);
    try (EventProducer producer = new EventProducer()) {
      producer.send(Topics.AGENT_EVENTS, agentId, new AgentEvent(UUID.randomUUID(), TENANT, Instant.now(), "call-fuzz",
          agentId, new AgentStatusChanged(AgentStatus.AVAILABLE, null)));
    }
    return phone;
  }

  /** Sends an OPTIONS and returns the status line of its answer, or "" when none comes. */
  static String options(DatagramSocket socket, InetSocketAddress target) {
    try {
      String callId = "probe-" + System.nanoTime();
      String answer = RawSip.exchange(socket, target,
          FuzzTemplates.options(socket.getLocalPort(), target.getPort(), callId), callId, Duration.ofSeconds(2));
      return answer == null ? "" : answer.lines().findFirst().orElse("");
    } catch (Exception e) {
      return "";
    }
  }

  private static void drain(DatagramSocket socket, AtomicLong answers) {
    byte[] buffer = new byte[65_535];
    while (!Thread.currentThread().isInterrupted()) {
      try {
        socket.receive(new DatagramPacket(buffer, buffer.length));
        answers.incrementAndGet();
      } catch (SocketTimeoutException e) {
        // keep reading until interrupted
      } catch (java.io.IOException e) {
        return;
      }
    }
  }

  private static double gauge(MeterRegistry meters, String name, String... tags) {
    Gauge gauge = meters.find(name).tags(tags).gauge();
    assertThat(gauge).as("gauge %s", name).isNotNull();
    return gauge.value();
  }

  private static double sum(Search search) {
    return search.counters().stream().mapToDouble(counter -> counter.count()).sum()
        + search.functionCounters().stream().mapToDouble(counter -> counter.count()).sum();
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static int sequence(byte[] packet) {
    return packet.length >= 4 ? ((packet[2] & 0xff) << 8) | (packet[3] & 0xff) : -1;
  }

  /** One request over raw UDP and its final answer. */
  static final class RawSip {

    private RawSip() {}

    /** Sends {@code text}; returns the first final response (or any, if {@code provisionalToo}) naming {@code callId}, or null. */
    static String exchange(DatagramSocket socket, InetSocketAddress target, String text, String callId,
        Duration wait) throws Exception {
      byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
      socket.send(new DatagramPacket(bytes, bytes.length, target));
      byte[] buffer = new byte[65_535];
      long deadline = System.nanoTime() + wait.toNanos();
      socket.setSoTimeout(250);
      while (System.nanoTime() < deadline) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
        } catch (SocketTimeoutException e) {
          continue;
        }
        String answer = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
        if (answer.contains(callId) && answer.startsWith("SIP/2.0 ") && !answer.startsWith("SIP/2.0 1")) {
          return answer;
        }
      }
      return null;
    }
  }
}
