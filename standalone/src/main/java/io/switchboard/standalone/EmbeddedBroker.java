package io.switchboard.standalone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, broker and controller in one) running inside this process, with
 * its log in a folder that survives restarts.
 */
final class EmbeddedBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

  private final KafkaRaftServer server;

  private EmbeddedBroker(KafkaRaftServer server) {
    this.server = server;
  }

  /** Formats the log folder on first use, then starts the broker and waits until it serves. */
  static EmbeddedBroker start(Path logDir, String host, int port, int controllerPort) {
    Properties props = brokerProperties(logDir, host, port, controllerPort);
    format(logDir, props);
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    server.startup();
    log.info("Kafka broker serving at {}:{} with its log in {}", host, port, logDir);
    return new EmbeddedBroker(server);
  }

  static Properties brokerProperties(Path logDir, String host, int port, int controllerPort) {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
    props.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("log.dirs", logDir.toString());
    props.put("num.partitions", "1");
    props.put("auto.create.topics.enable", "false");
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    return props;
  }

  private static void format(Path logDir, Properties props) {
    try {
      Files.createDirectories(logDir);
      if (Files.exists(logDir.resolve("meta.properties"))) {
        return;
      }
      Path config = logDir.resolveSibling("kafka-server.properties");
      try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
        props.store(out, "Written by the Switchboard standalone launcher to format the log folder");
      }
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      int status = StorageTool.execute(new String[] {
          "format", "--config", config.toString(), "--cluster-id", Uuid.randomUuid().toString(),
          "--standalone", "--ignore-formatted"}, new PrintStream(output, true, StandardCharsets.UTF_8));
      if (status != 0) {
        throw new IllegalStateException("Cannot format the Kafka log folder " + logDir + ": " + output);
      }
      log.info("Formatted a new Kafka log folder in {}", logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the Kafka log folder " + logDir, e);
    }
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
