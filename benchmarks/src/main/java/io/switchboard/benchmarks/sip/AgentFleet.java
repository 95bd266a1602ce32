package io.switchboard.benchmarks.sip;

import io.switchboard.media.sip.registrar.DigestAlgorithm;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.SipAccount;
import io.switchboard.schemas.topics.Topic;
import io.switchboard.schemas.topics.Topics;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents' side as production has it: a SIP account per desk phone on {@code sip.credentials}
 * (HA1s, profile in the benchmark's queue), each phone registering with digest (SIPp, one
 * REGISTER pair per phone, all with the same contact: the harness's answering SIPp), then each agent
 * made AVAILABLE as the agent desktop would.
 */
final class AgentFleet {

  private static final Logger log = LoggerFactory.getLogger(AgentFleet.class);
  private static final String PASSWORD = "bench-desk-phone";
  private static final Duration REGISTERED_WITHIN = Duration.ofMinutes(3);

  private final String bootstrap;
  private final String tenantId;
  private final String realm;
  private final String queue;
  private final List<String> usernames;

  AgentFleet(String bootstrap, String tenantId, String realm, String queue, int agents) {
    this.bootstrap = bootstrap;
    this.tenantId = tenantId;
    this.realm = realm.toLowerCase(Locale.ROOT);
    this.queue = queue;
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= agents; i++) {
      names.add(String.format("desk%05d", i));
    }
    this.usernames = List.copyOf(names);
  }

  static String agentId(String username) {
    return "agent-" + username;
  }

  /** Every phone's account on sip.credentials, as the gateway's admin API writes them. */
  void publishAccounts() {
    try (KafkaProducer<String, byte[]> producer = producer()) {
      Instant now = Instant.now();
      for (String user : usernames) {
        SipAccount account = SipAccount.newBuilder()
            .setEventId(UUID.randomUUID())
            .setTenantId(tenantId)
            .setOccurredAt(now)
            .setSource("bench-sip-bridge")
            .setUsername(user)
            .setRealm(realm)
            .setAgentId(agentId(user))
            .setHa1Sha256(DigestAlgorithm.SHA_256.ha1(user, realm, PASSWORD))
            .setHa1Md5(DigestAlgorithm.MD5.ha1(user, realm, PASSWORD))
            .setDisplayName(user)
            .setQueues(List.of(queue))
            .setSkills(List.of())
            .setCapacity(1)
            .build();
        send(producer, Topics.SIP_CREDENTIALS, tenantId + "/" + user, account);
      }
      producer.flush();
    }
    log.info("{} SIP accounts of tenant {} (realm {}) on {}", usernames.size(), tenantId, realm,
        Topics.SIP_CREDENTIALS.name());
  }

  /**
   * Registers every phone through the bridge with SIPp, MD5 digest, {@code contact} as each one's
   * contact, then waits for routing's input: one AgentRegistered per agent.
   */
  void register(String sipp, Path work, int bridgePort, String contact, int localPort, int rate)
      throws IOException, InterruptedException {
    Path scenario = work.resolve("register-agents.xml");
    try (InputStream in = AgentFleet.class.getResourceAsStream("/sipp/register-agents.xml")) {
      Files.write(scenario, in.readAllBytes());
    }
    // SIPp takes the [authentication] keyword from an injection field, not from keywords inside it.
    StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
    for (String user : usernames) {
      csv.append(user).append(";[authentication username=").append(user).append(" password=").append(PASSWORD)
          .append("]\n");
    }
    Path injection = work.resolve("agents.csv");
    Files.writeString(injection, csv, StandardCharsets.ISO_8859_1);
    try (AgentEvents events = new AgentEvents()) {
      List<String> command = List.of(sipp, "-sf", scenario.toString(), "-inf", injection.toString(),
          "-nostdin", "-t", "u1", "-i", "127.0.0.1", "-p", Integer.toString(localPort),
          "-m", Integer.toString(usernames.size()), "-r", Integer.toString(rate), "-l", Integer.toString(2 * rate),
          "-key", "domain", realm, "-key", "contact", contact, "-auth_uri", realm, "-timeout", "180s", "-timeout_error", "-trace_err",
          "127.0.0.1:" + bridgePort);
      Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
          .redirectOutput(work.resolve("register-agents.out").toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      if (!process.waitFor(200, TimeUnit.SECONDS)) {
        process.destroy();
        throw new IllegalStateException("SIPp did not register the agents within 200 s; see " + work);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("SIPp's REGISTERs failed (exit " + process.exitValue() + "); see "
            + work.resolve("register-agents.out"));
      }
      events.awaitRegistered(usernames.size());
    }
    log.info("{} desk phones registered with digest, contact {}", usernames.size(), contact);
  }

  /** Every agent AVAILABLE, as the agent desktop sends it after sign-in. */
  void makeAvailable() {
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (String user : usernames) {
        String agentId = agentId(user);
        send(producer, Topics.AGENT_EVENTS, agentId, new AgentEvent(UUID.randomUUID(), tenantId, Instant.now(),
            "bench-sip-bridge", agentId, new AgentStatusChanged(AgentStatus.AVAILABLE, null)));
      }
      producer.flush();
    }
    log.info("{} agents AVAILABLE in queue {}", usernames.size(), queue);
  }

  private KafkaProducer<String, byte[]> producer() {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  private static <V extends SpecificRecord> void send(KafkaProducer<String, byte[]> producer, Topic<V> topic,
      String key, V value) {
    producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().encode(value)), (metadata, failure) -> {
      if (failure != null) {
        log.error("Send to {} failed", topic.name(), failure);
      }
    });
  }

  /** agent.events from the beginning, counting this tenant's agents with an AgentRegistered. */
  private final class AgentEvents implements AutoCloseable {
    private final KafkaConsumer<String, AgentEvent> consumer;
    private final Set<String> registered = new HashSet<>();

    AgentEvents() {
      Properties config = new Properties();
      config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-sip-agents-" + UUID.randomUUID());
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      consumer = new KafkaConsumer<>(config, new StringDeserializer(),
          Topics.AGENT_EVENTS.valueSerde().deserializer());
      consumer.subscribe(List.of(Topics.AGENT_EVENTS.name()));
    }

    void awaitRegistered(int count) {
      long deadline = System.nanoTime() + REGISTERED_WITHIN.toNanos();
      while (registered.size() < count) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(registered.size() + " of " + count + " agents registered within "
              + REGISTERED_WITHIN);
        }
        for (ConsumerRecord<String, AgentEvent> record : consumer.poll(Duration.ofMillis(200))) {
          AgentEvent event = record.value();
          if (event != null && tenantId.equals(event.getTenantId()) && event.getPayload() instanceof AgentRegistered) {
            registered.add(event.getAgentId());
          }
        }
      }
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
