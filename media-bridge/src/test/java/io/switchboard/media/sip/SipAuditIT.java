package io.switchboard.media.sip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.testsupport.FakeClock;
import io.switchboard.testsupport.Poll;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.SipProvider;
import org.junit.jupiter.api.Test;

/** The audit against a real stack on loopback: a dialog no call owns is ended once old, one a call owns is kept. */
class SipAuditIT {

  private final FakeClock clock = new FakeClock(Instant.parse("2026-12-03T10:00:00Z"));

  @Test
  void endsTheStacksDialogsNoCallOwnsOnceTheyAreOldAndGaugesWhatIsLeft() throws Exception {
    SipProperties properties = new SipProperties("127.0.0.1", FreePorts.udpAndTcp(), Set.of(SipTransport.UDP), 2,
        new SipProperties.Audit(Duration.ofSeconds(30), Duration.ofMinutes(2)));
    HeaderFactoryImpl headers = new HeaderFactoryImpl();
    MessageFactoryImpl messages = new MessageFactoryImpl();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SipServer server = new SipServer(properties, new SipRequestDispatcher(List.of(), Set.of(),
        new SipResponses(messages, headers), headers, new SipMetrics(registry)));
    SipAudit audit = new SipAudit(server, () -> Set.of("owned@127.0.0.1"), properties.audit(), clock, registry);
    server.start();
    try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      phone.setSoTimeout(5000);
      SipProvider provider = server.current().providers().get(0);
      Dialog stray = dialog(provider, messages, "stray@127.0.0.1", properties.port(), phone);
      Dialog owned = dialog(provider, messages, "owned@127.0.0.1", properties.port(), phone);
      assertThat(registry.get("switchboard.sip.dialogs").gauge().value()).isEqualTo(2);
      assertThat(registry.get("switchboard.sip.transactions").tag("side", "client").gauge().value()).isEqualTo(2);

      assertThat(audit.audit()).as("first seen unowned").isZero();
      clock.advance(Duration.ofMinutes(2));
      assertThat(audit.audit()).isEqualTo(1);

      assertThat(stray.getState()).isEqualTo(DialogState.TERMINATED);
      assertThat(owned.getState()).isEqualTo(DialogState.EARLY);
      assertThat(registry.get("switchboard.sip.dialogs").gauge().value()).isEqualTo(1);
      assertThat(registry.get("switchboard.sip.audit.dialogs.ended").counter().count()).isEqualTo(1);
    } finally {
      server.stop();
    }
    assertThat(registry.get("switchboard.sip.dialogs").gauge().value()).as("a stopped stack holds none").isZero();
  }

  /**
   * An early dialog as an agent's ringing phone leaves it: the INVITE goes to {@code phone}, which answers
   * 180 with its To tag; nothing ends the dialog afterwards.
   */
  private static Dialog dialog(SipProvider provider, MessageFactoryImpl messages, String callId, int port,
      DatagramSocket phone) throws Exception {
    String text = "INVITE sip:agent@127.0.0.1:" + phone.getLocalPort() + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-" + Integer.toHexString(callId.hashCode()) + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:bridge@127.0.0.1>;tag=audit\r\n"
        + "To: <sip:agent@127.0.0.1>\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:bridge@127.0.0.1:" + port + ">\r\n"
        + "Content-Length: 0\r\n\r\n";
    ClientTransaction transaction = provider.getNewClientTransaction(messages.createRequest(text));
    Dialog dialog = provider.getNewDialog(transaction);
    transaction.sendRequest();
    byte[] buffer = new byte[4096];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    phone.receive(packet);
    String invite = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    StringBuilder ringing = new StringBuilder("SIP/2.0 180 Ringing\r\n");
    for (String line : invite.split("\r\n")) {
      String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT) : "";
      switch (name) {
        case "via", "from", "call-id", "cseq" -> ringing.append(line).append("\r\n");
        case "to" -> ringing.append(line).append(";tag=phone-").append(Math.abs(callId.hashCode())).append("\r\n");
        default -> { }
      }
    }
    ringing.append("Contact: <sip:agent@127.0.0.1:").append(phone.getLocalPort()).append(">\r\n")
        .append("Content-Length: 0\r\n\r\n");
    byte[] bytes = ringing.toString().getBytes(StandardCharsets.UTF_8);
    phone.send(new DatagramPacket(bytes, bytes.length, packet.getSocketAddress()));
    Poll.until(Duration.ofSeconds(5), "the dialog of " + callId + " to be early",
        () -> dialog.getState() == DialogState.EARLY ? dialog : null);
    return dialog;
  }
}
