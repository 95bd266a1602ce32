package io.switchboard.gateway.events;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * UP when the cluster answers and the event consumer runs: without either, the gateway can
 * neither accept requests that publish nor notify agents.
 */
final class KafkaHealth implements ReactiveHealthIndicator, DisposableBean {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final Admin admin;
  private final IncomingEvents incoming;

  KafkaHealth(Properties adminConfig, IncomingEvents incoming) {
    this.admin = Admin.create(adminConfig);
    this.incoming = incoming;
  }

  @Override
  public Mono<Health> health() {
    IncomingEvents.ConsumerStatus consumer = incoming.status();
    return Mono.fromCompletionStage(() -> admin
            .describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
            .nodes().toCompletionStage())
        .timeout(TIMEOUT.plusSeconds(1))
        .map(nodes -> (consumer.running() ? Health.up() : Health.down())
            .withDetail("brokers", nodes.size())
            .withDetail("consumer", consumer)
            .build())
        .onErrorResume(error -> Mono.just(Health.down()
            .withDetail("error", "Kafka did not answer: " + error.getMessage())
            .withDetail("consumer", consumer)
            .build()));
  }

  @Override
  public void destroy() {
    // Only health checks run on this client: nothing in flight is worth waiting for.
    admin.close(Duration.ofMillis(500));
  }
}
