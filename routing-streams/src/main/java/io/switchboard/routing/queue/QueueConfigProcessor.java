package io.switchboard.routing.queue;

import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.RoutingDecision;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the queue store in step with the compacted {@code queue.config} topic (key
 * {@code tenantId/queue}, a null value deletes the queue, which then routes with the defaults).
 * Waiting calls of a changed queue are put back in order under the new aging rate (priorities
 * already given stay), then the queue is dispatched, since new rules may allow offers.
 */
final class QueueConfigProcessor implements Processor<String, QueueConfig, String, RoutingDecision> {

  private static final Logger log = LoggerFactory.getLogger(QueueConfigProcessor.class);

  private final RoutingSettings settings;
  private RoutingStores stores;
  private Dispatcher dispatcher;

  QueueConfigProcessor(RoutingSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, RoutingDecision> context) {
    stores = RoutingStores.of(context);
    dispatcher = new Dispatcher(stores, new Decisions(context, settings.source()), settings,
        context::currentSystemTimeMs);
  }

  @Override
  public void process(Record<String, QueueConfig> record) {
    String[] subject = TenantPartitioner.split(record.key());
    if (subject == null) {
      log.warn("Ignoring queue.config record with key {}: expected tenantId/queue", record.key());
      return;
    }
    String tenant = subject[0];
    String queue = subject[1];
    QueueConfig config = record.value();
    if (config == null) {
      stores.deleteQueueConfig(tenant, queue);
      log.info("Queue {} of tenant {} deleted; it routes with the defaults", queue, tenant);
    } else if (!tenant.equals(config.getTenantId()) || !queue.equals(config.getQueue())) {
      log.warn("Ignoring queue.config record: key {} does not match tenant {} and queue {} of its value",
          record.key(), config.getTenantId(), config.getQueue());
      return;
    } else {
      stores.putQueueConfig(tenant, queue, config);
      log.info("Queue {} of tenant {} configured: strategy {}, base {}, aging {}/min", queue, tenant,
          config.getStrategy(), config.getPriorityBase(), config.getAgingPointsPerMinute());
    }
    QueueRules rules = dispatcher.rulesOf(tenant, queue);
    for (RoutedCall call : stores.waitingCalls(tenant, queue)) {
      stores.removeWaiting(tenant, call);
      dispatcher.enqueue(tenant, call, rules);
    }
    dispatcher.dispatch(tenant, Set.of(queue));
  }
}
