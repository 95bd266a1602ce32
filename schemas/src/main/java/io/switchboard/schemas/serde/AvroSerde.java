package io.switchboard.schemas.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record using Avro single-object encoding: a two-byte marker,
 * the eight-byte fingerprint of the writer's schema, then the binary body.
 *
 * <p>The reader knows every released version of the record's schema (see {@link ReleasedSchemas}),
 * so a record written by any earlier release is resolved to the current schema. A {@link SchemaStore}
 * can be passed to look up writer schemas elsewhere, e.g. in a schema registry.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private AvroSerde(Class<T> type, List<Schema> writerSchemas, SchemaStore fallback) {
    AvroTrust.trustGeneratedRecords();
    this.type = type;
    SpecificData model = SpecificData.getForClass(type);
    Schema current = model.getSchema(type);
    this.encoder = new BinaryMessageEncoder<>(model, current);
    this.decoder = new BinaryMessageDecoder<>(model, current, fallback);
    writerSchemas.forEach(decoder::addSchema);
  }

  /** A serde that reads every released version of {@code type}'s schema. */
  public static <T extends SpecificRecord> AvroSerde<T> forType(Class<T> type) {
    return new AvroSerde<>(type, ReleasedSchemas.of(type), null);
  }

  /** A serde that also asks {@code store} for writer schemas it does not know. */
  public static <T extends SpecificRecord> AvroSerde<T> forType(Class<T> type, SchemaStore store) {
    return new AvroSerde<>(type, ReleasedSchemas.of(type), store);
  }

  public Class<T> type() {
    return type;
  }

  /** Encodes a record; {@code null} stays {@code null} (a tombstone). */
  public byte[] encode(T value) {
    if (value == null) {
      return null;
    }
    try {
      ByteBuffer buffer = encoder.encode(value);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Decodes a record written with any known schema version.
   *
   * @throws SerializationException when the bytes are not a single-object encoded record of a known
   *     schema
   */
  public T decode(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return decoder.decode(bytes);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot decode " + type.getSimpleName() + " from " + bytes.length + " bytes: " + e.getMessage(), e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> encode(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> decode(bytes);
  }
}
