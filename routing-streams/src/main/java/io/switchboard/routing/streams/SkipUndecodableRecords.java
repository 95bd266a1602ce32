package io.switchboard.routing.streams;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs, counts and skips an input record that cannot be decoded: one bad record must not stop the
 * routing of every tenant on its partition.
 */
public final class SkipUndecodableRecords implements DeserializationExceptionHandler {

  /** Streams configuration key under which the {@link DroppedRecords} counter is handed over. */
  static final String DROPPED_RECORDS_CONFIG = "switchboard.routing.dropped-records";

  private static final Logger log = LoggerFactory.getLogger(SkipUndecodableRecords.class);

  private DroppedRecords dropped;

  @Override
  public void configure(Map<String, ?> configs) {
    Object counter = configs.get(DROPPED_RECORDS_CONFIG);
    if (!(counter instanceof DroppedRecords)) {
      throw new IllegalStateException(DROPPED_RECORDS_CONFIG + " must hold the DroppedRecords counter");
    }
    dropped = (DroppedRecords) counter;
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    log.warn("Skipping undecodable record at {}-{} offset {}: {}",
        context.topic(), context.partition(), context.offset(), exception.getMessage());
    dropped.count("undecodable", context.topic());
    return Response.resume();
  }
}
