package io.switchboard.benchmarks.broker;

import io.switchboard.routing.store.TenantStreams;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.topics.Topic;
import io.switchboard.schemas.topics.Topics;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The baseline: the least a stateful exactly-once topology does per record. It reads call events
 * (the same Avro values as routing, decoded), does one get and one put on a changelogged store of
 * the same kind as routing's, and writes the event to an output topic. No re-keying.
 */
final class PassThroughTopology {

  /** Input and output of the baseline, with as many partitions as {@code call.events}. */
  static final Topic<CallEvent> INPUT = new Topic<>("bench.passthrough.in", Topics.CALL_EVENTS.valueSerde(),
      Topics.CALL_EVENTS.partitions(), Topic.Cleanup.KEEP_ALL);
  static final Topic<CallEvent> OUTPUT = new Topic<>("bench.passthrough.out", Topics.CALL_EVENTS.valueSerde(),
      Topics.CALL_EVENTS.partitions(), Topic.Cleanup.KEEP_ALL);
  static final List<Topic<?>> TOPICS = List.of(INPUT, OUTPUT);

  private static final String STORE = "passthrough-calls";

  private PassThroughTopology() {}

  static Topology build(boolean inMemoryStores) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(TenantStreams.changelogged(STORE, Topics.CALL_EVENTS.valueSerde(), inMemoryStores));
    builder.stream(INPUT.name(), Consumed.with(INPUT.keySerde(), INPUT.valueSerde()))
        .process(GetAndPut::new, Named.as("get-and-put"), STORE)
        .to(OUTPUT.name(), Produced.with(OUTPUT.keySerde(), OUTPUT.valueSerde()));
    return builder.build();
  }

  /** One store read and one store write per record, then the record goes on. */
  private static final class GetAndPut implements Processor<String, CallEvent, String, CallEvent> {
    private ProcessorContext<String, CallEvent> context;
    private KeyValueStore<String, CallEvent> store;

    @Override
    public void init(ProcessorContext<String, CallEvent> context) {
      this.context = context;
      this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, CallEvent> record) {
      CallEvent previous = store.get(record.key());
      // Keeps the older occurredAt of a repeated key, so that the read's result is used.
      store.put(record.key(), previous == null ? record.value() : previous);
      context.forward(record);
    }
  }
}
