package io.switchboard.media.sip.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.sip.registrar.TestPhone;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.EventProducer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Agents' desk phones for call-flow tests against one running bridge: each registers its contact
 * through the bridge's registrar (digest) and its agent goes available; all are hung up by {@link #close}.
 */
final class AgentPhones implements AutoCloseable {

  static final Duration EVENTS = Duration.ofSeconds(30);

  private final int sipPort;
  private final String tenant;
  private final String realm;
  private final String password;
  private final List<AutoCloseable> phones = new ArrayList<>();

  AgentPhones(int sipPort, String tenant, String realm, String password) {
    this.sipPort = sipPort;
    this.tenant = tenant;
    this.realm = realm;
    this.password = password;
  }

  /** Kept until {@link #close}. */
  <T extends AutoCloseable> T keep(T phone) {
    phones.add(phone);
    return phone;
  }

  /** {@code user}'s phone, registered for agent {@code agent-<user>}, who is available once it returns. */
  CallPhone agent(String user, EventLog<AgentEvent> agentEvents) throws Exception {
    CallPhone phone = keep(new CallPhone(user));
    TestPhone registrar = keep(new TestPhone(sipPort, user, realm));
    Response ok = registrar.register("Contact: <" + phone.contact() + ">\r\nExpires: 600\r\n", password, "SHA-256");
    assertThat(ok.getStatusCode()).isEqualTo(200);
    String agentId = "agent-" + user;
    agentEvents.await(event -> agentId.equals(event.getAgentId()) && event.getPayload() instanceof AgentRegistered
        && phone.contact().equals(((AgentRegistered) event.getPayload()).getContact()), EVENTS);
    try (EventProducer producer = new EventProducer()) {
      producer.send(Topics.AGENT_EVENTS, agentId, new AgentEvent(UUID.randomUUID(), tenant, Instant.now(), "call-it",
          agentId, new AgentStatusChanged(AgentStatus.AVAILABLE, null)));
    }
    return phone;
  }

  /** The Switchboard call id the bridge put on its INVITE to an agent's phone. */
  static String callIdOf(Request agentInvite) {
    Header header = agentInvite.getHeader(SipMessages.CALL_ID_HEADER);
    assertThat(header).as("the agent's INVITE names the Switchboard call").isNotNull();
    return header.toString().substring(header.toString().indexOf(':') + 1).trim();
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable phone : phones) {
      phone.close();
    }
    phones.clear();
  }
}
