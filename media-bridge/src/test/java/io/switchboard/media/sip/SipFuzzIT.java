package io.switchboard.media.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.media.TestBridge;
import io.switchboard.testsupport.Poll;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Mutated SIP datagrams at the running bridge: it keeps answering, its SIP threads stay a bounded
 * pool, what it logs about bad input is bounded and carries no stack traces, and what it drops is
 * counted. The mutations are seeded, so a failure can be replayed.
 */
class SipFuzzIT {

  private static final int MESSAGES = 100_000;
  private static final long SEED = 20261202L;

  private static final String[] TEMPLATES = {
      "OPTIONS sip:bridge@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bK%s\r\nMax-Forwards: 70\r\n"
          + "From: <sip:fuzz@127.0.0.1>;tag=%s\r\nTo: <sip:bridge@127.0.0.1>\r\nCall-ID: %s@127.0.0.1\r\n"
          + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n",
      "REGISTER sip:example.org SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bK%s\r\nMax-Forwards: 70\r\n"
          + "From: <sip:1001@example.org>;tag=%s\r\nTo: <sip:1001@example.org>\r\nCall-ID: %s@127.0.0.1\r\n"
          + "CSeq: 7 REGISTER\r\nContact: <sip:1001@127.0.0.1:5090>;expires=3600\r\nExpires: 3600\r\n"
          + "Content-Length: 0\r\n\r\n",
      "INVITE sip:support@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bK%s\r\nMax-Forwards: 70\r\n"
          + "From: \"Fuzz\" <sip:fuzz@127.0.0.1>;tag=%s\r\nTo: <sip:support@127.0.0.1>\r\nCall-ID: %s@127.0.0.1\r\n"
          + "CSeq: 1 INVITE\r\nContact: <sip:fuzz@127.0.0.1:5090>\r\nContent-Type: application/sdp\r\n"
          + "Content-Length: 129\r\n\r\nv=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
          + "m=audio 40000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n"};

  @Test
  void mutatedMessagesNeitherStopTheBridgeNorGrowItsThreadsNorFloodItsLog() throws Exception {
    int sipPort = FreePorts.udpAndTcp();
    // What JAIN-SIP and the bridge's SIP front log meanwhile.
    ListAppender<ILoggingEvent> stackLog = new ListAppender<>();
    Logger stackLogger = (Logger) LoggerFactory.getLogger("gov.nist.javax.sip");
    Logger frontLogger = (Logger) LoggerFactory.getLogger("io.switchboard.media.sip");
    stackLog.start();
    stackLogger.addAppender(stackLog);
    frontLogger.addAppender(stackLog);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (ConfigurableApplicationContext bridge = TestBridge.start(sipPort);
         DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), sipPort);
      socket.setSoTimeout(200);
      Poll.until(Duration.ofSeconds(30), "the bridge answering OPTIONS before the fuzz",
          () -> probe(socket, target) ? true : null);
      int before = threads.getThreadCount();
      threads.resetPeakThreadCount();

      AtomicLong answers = new AtomicLong();
      Thread reader = new Thread(() -> drain(socket, answers), "fuzz-reader");
      reader.setDaemon(true);
      Random random = new Random(SEED);
      int port = socket.getLocalPort();
      for (int i = 0; i < MESSAGES; i++) {
        byte[] message = SipMutations.mutate(random, String.format(TEMPLATES[random.nextInt(TEMPLATES.length)], port, "f" + i,
            "t" + i, "fuzz-" + i).getBytes(StandardCharsets.UTF_8));
        socket.send(new DatagramPacket(message, message.length, target));
        if (i == 0) {
          reader.start();
        }
      }
      reader.interrupt();
      reader.join();
      int peak = threads.getPeakThreadCount();

      // Still answering, on the same port, once the queue of mutated messages is worked off.
      socket.setSoTimeout(500);
      Poll.until(Duration.ofSeconds(60), "the bridge answering OPTIONS after the fuzz",
          () -> probe(socket, target) ? true : null);
      // A bounded pool: not a thread per datagram.
      assertThat(peak - before).as("threads started during %d datagrams", MESSAGES).isLessThan(64);
      // Bad input is logged in bounded, stack-trace-free lines.
      List<ILoggingEvent> lines = new ArrayList<>(stackLog.list);
      assertThat(lines).as("stack log lines").hasSizeLessThan(MESSAGES / 100)
          .noneMatch(line -> line.getThrowableProxy() != null && line.getLevel().isGreaterOrEqual(Level.INFO));
      MeterRegistry metrics = bridge.getBean(MeterRegistry.class);
      assertThat(metrics.find("switchboard.sip.stack.errors").functionCounters())
          .hasSize(SipInputErrors.Kind.values().length);
      assertThat(metrics.find("switchboard.sip.stack.errors").functionCounters().stream()
          .mapToDouble(counter -> counter.count()).sum()).as("refused input counted").isGreaterThan(MESSAGES / 100);
      assertThat(answers.get()).isPositive();
    } finally {
      stackLogger.detachAppender(stackLog);
      frontLogger.detachAppender(stackLog);
    }
  }

  private static boolean probe(DatagramSocket socket, InetSocketAddress target) {
    try {
      return answer(socket, target, "after").startsWith("SIP/2.0 200");
    } catch (Exception e) {
      return false;
    }
  }

  /** Sends an OPTIONS and returns the first answer to it (its status line), or "" on a timeout. */
  private static String answer(DatagramSocket socket, InetSocketAddress target, String tag) throws Exception {
    String callId = "probe-" + tag + "-" + System.nanoTime();
    byte[] options = String.format(TEMPLATES[0], socket.getLocalPort(), callId, tag, callId)
        .getBytes(StandardCharsets.UTF_8);
    socket.send(new DatagramPacket(options, options.length, target));
    byte[] buffer = new byte[65_535];
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (System.nanoTime() < deadline) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (SocketTimeoutException e) {
        return "";
      }
      String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
      if (text.contains(callId)) {
        return text.lines().findFirst().orElse("");
      }
    }
    return "";
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
}
