package io.switchboard.media.sip.registrar;

import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.SharedKafka;
import java.time.Instant;
import java.util.List;

/** Phones' SIP accounts on the shared broker, as the gateway's admin API writes them (HA1s only). */
public final class TestCredentials {

  private TestCredentials() {}

  /** Each user's account on sip.credentials, for agent {@code agent-<user>}; creates the topics first. */
  public static void publish(String tenant, String realm, List<String> users, String password) {
    publish(tenant, realm, users, password, List.of());
  }

  /** The same, with a profile taking calls from {@code queues}. */
  public static void publish(String tenant, String realm, List<String> users, String password, List<String> queues) {
    SharedKafka.createTopics(List.of(SipTopics.CREDENTIALS, SipTopics.BINDINGS));
    try (EventProducer producer = new EventProducer()) {
      for (String user : users) {
        SipCredential plain = SipCredential.fromPassword(tenant, realm, user, "agent-" + user, password);
        SipCredential credential = new SipCredential(tenant, plain.realm(), user, plain.agentId(), plain.ha1(),
            new AgentProfile(user, queues, List.of(), 1));
        producer.send(SipTopics.CREDENTIALS, tenant + "/" + user,
            RegistrarRecords.account(credential, "test-credentials", Instant.now()));
      }
    }
  }
}
