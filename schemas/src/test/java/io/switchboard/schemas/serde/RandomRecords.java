package io.switchboard.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;

/** Seeded random data for any schema, to write records as an older or current schema would. */
final class RandomRecords {

  private final Random random;

  RandomRecords(long seed) {
    this.random = new Random(seed);
  }

  /** A record of {@code schema} whose {@code payload} union (if any) takes branch {@code branch}. */
  GenericRecord record(Schema schema, int branch) {
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      Schema type = field.schema();
      boolean payload = field.name().equals("payload") && type.getType() == Schema.Type.UNION;
      record.put(field.pos(), payload ? value(type.getTypes().get(branch)) : value(type));
    }
    return record;
  }

  /** The number of branches of the {@code payload} union, or 1 when the record has none. */
  static int payloadBranches(Schema schema) {
    Schema.Field payload = schema.getField("payload");
    return payload == null ? 1 : payload.schema().getTypes().size();
  }

  /** Single-object encoding of {@code record} as written by {@code schema}. */
  static byte[] singleObject(Schema schema, GenericRecord record) {
    try {
      ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Plain binary encoding, for readers that resolve with an explicit writer schema. */
  static byte[] binary(Schema schema, GenericRecord record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Object value(Schema schema) {
    if ("uuid".equals(schema.getProp("logicalType"))) {
      return UUID.randomUUID().toString();
    }
    return switch (schema.getType()) {
      case RECORD -> record(schema, 0);
      case ENUM -> new GenericData.EnumSymbol(schema,
          schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())));
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          items.add(value(schema.getElementType()));
        }
        yield new GenericData.Array<>(schema, items);
      }
      case MAP -> {
        Map<String, Object> entries = new HashMap<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          entries.put("k" + random.nextInt(1000), value(schema.getValueType()));
        }
        yield entries;
      }
      case UNION -> value(schema.getTypes().get(random.nextInt(schema.getTypes().size())));
      case STRING -> "s" + random.nextInt(1_000_000);
      case INT -> random.nextInt(100_000);
      case LONG -> 1_700_000_000_000L + random.nextInt(1_000_000_000);
      case DOUBLE -> random.nextDouble() * 100;
      case FLOAT -> random.nextFloat();
      case BOOLEAN -> random.nextBoolean();
      case NULL -> null;
      case BYTES -> ByteBuffer.wrap(new byte[] {(byte) random.nextInt()});
      case FIXED -> new GenericData.Fixed(schema, new byte[schema.getFixedSize()]);
    };
  }
}
