package io.switchboard.routing.stats;

import io.switchboard.schemas.avro.QueueStats;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * One input of the statistics: applies each event to the ledger, then hands the queues it changed
 * to the emitter. The three inputs share the stores; only one of them runs the punctuator.
 */
abstract class StatsProcessor<V> implements Processor<String, V, String, QueueStats> {

  final QueueStatsSettings settings;
  private final boolean punctuates;
  QueueLedger ledger;
  private StatsEmitter emitter;

  StatsProcessor(QueueStatsSettings settings, boolean punctuates) {
    this.settings = settings;
    this.punctuates = punctuates;
  }

  @Override
  public void init(ProcessorContext<String, QueueStats> context) {
    StatsStores stores = StatsStores.of(context);
    ledger = new QueueLedger(stores, settings);
    emitter = new StatsEmitter(stores, settings, context);
    if (punctuates) {
      context.schedule(settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME, emitter::punctuate);
    }
  }

  @Override
  public void process(Record<String, V> record) {
    if (record.value() == null) {
      return;
    }
    apply(record.value());
    emitter.changed(ledger.drainChanged());
  }

  abstract void apply(V event);
}
