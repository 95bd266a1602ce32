package io.switchboard.callstate.projection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro's own JSON encoding of an event, for the readable {@code payload} column of the raw log
 * (public for the projection benchmark's baseline, which writes the same payloads).
 *
 * <p>Creating a {@link JsonEncoder} builds a grammar from the whole schema, which cost more than
 * the encoding itself (most of the projection thread's time in a replay), so each thread keeps one
 * encoder per record class and points it at a fresh output for each event. An encoder that failed
 * mid-record is dropped, not reused.
 */
public final class EventJson {

  private static final ThreadLocal<Map<Class<?>, Writer>> WRITERS = ThreadLocal.withInitial(IdentityHashMap::new);

  /** One record class's encoder, writer and buffer; used by one thread only. */
  private static final class Writer {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private final JsonEncoder encoder;
    private final SpecificDatumWriter<SpecificRecord> datum;

    Writer(SpecificRecord record) throws IOException {
      encoder = EncoderFactory.get().jsonEncoder(record.getSchema(), out);
      datum = new SpecificDatumWriter<>(record.getSchema(), SpecificData.getForClass(record.getClass()));
    }

    String write(SpecificRecord record) throws IOException {
      // A new generator on an emptied buffer: no separator before this record's JSON.
      encoder.configure(out);
      out.reset();
      datum.write(record, encoder);
      encoder.flush();
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  private EventJson() {}

  public static String of(SpecificRecord record) {
    Map<Class<?>, Writer> writers = WRITERS.get();
    try {
      Writer writer = writers.get(record.getClass());
      if (writer == null) {
        writer = new Writer(record);
        writers.put(record.getClass(), writer);
      }
      return writer.write(record);
    } catch (IOException e) {
      writers.remove(record.getClass());
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      writers.remove(record.getClass());
      throw e;
    }
  }
}
