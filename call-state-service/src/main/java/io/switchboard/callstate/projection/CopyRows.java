package io.switchboard.callstate.projection;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Wrapped;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Rows in PostgreSQL's binary {@code COPY} format: a header, then per row the number of fields and
 * each field as its length and its bytes in the type's binary form, then a trailer. PostgreSQL reads
 * it without parsing text, and the bytes are built before the transaction that sends them. A null
 * field is written as SQL NULL. Not thread-safe; one instance per stream.
 */
final class CopyRows {

  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
  /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01T00:00:00Z. */
  private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

  private final ByteArrayOutputStream bytes;
  private final DataOutputStream out;

  CopyRows(int expectedBytes) {
    bytes = new ByteArrayOutputStream(expectedBytes);
    out = new DataOutputStream(bytes);
    write(() -> {
      out.write(SIGNATURE);
      out.writeInt(0); // flags: no OIDs
      out.writeInt(0); // no header extension
    });
  }

  /** Starts a row of {@code fields} fields. */
  CopyRows row(int fields) {
    write(() -> out.writeShort(fields));
    return this;
  }

  CopyRows uuid(UUID value) {
    write(() -> {
      out.writeInt(16);
      out.writeLong(value.getMostSignificantBits());
      out.writeLong(value.getLeastSignificantBits());
    });
    return this;
  }

  CopyRows text(String value) {
    return value == null ? nul() : bytes(value.getBytes(StandardCharsets.UTF_8));
  }

  CopyRows int4OrNull(Integer value) {
    return value == null ? nul() : int4(value);
  }

  CopyRows int4(int value) {
    write(() -> {
      out.writeInt(4);
      out.writeInt(value);
    });
    return this;
  }

  CopyRows int8(long value) {
    write(() -> {
      out.writeInt(8);
      out.writeLong(value);
    });
    return this;
  }

  CopyRows timestamptz(Instant value) {
    if (value == null) {
      return nul();
    }
    long micros = Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1_000);
    return int8(micros - POSTGRES_EPOCH_MICROS);
  }

  CopyRows bytes(byte[] value) {
    write(() -> {
      out.writeInt(value.length);
      out.write(value);
    });
    return this;
  }

  private CopyRows nul() {
    write(() -> out.writeInt(-1));
    return this;
  }

  /** The whole stream, trailer included. */
  byte[] finish() {
    write(() -> out.writeShort(-1));
    return bytes.toByteArray();
  }

  /**
   * Sends a stream built here with {@code copy} ({@code COPY … FROM STDIN (FORMAT binary)}), on the
   * connection of the transaction in progress if there is one; returns how many rows were written.
   */
  static Mono<Long> copyIn(DatabaseClient db, String copy, byte[] data) {
    return db.inConnection(connection -> postgres(connection).copyIn(copy).from(data).build());
  }

  private static PostgresqlConnection postgres(Connection connection) {
    Object current = connection;
    while (!(current instanceof PostgresqlConnection)) {
      if (!(current instanceof Wrapped<?> wrapped)) {
        throw new IllegalStateException("Not a PostgreSQL connection: " + connection.getClass().getName());
      }
      current = wrapped.unwrap();
    }
    return (PostgresqlConnection) current;
  }

  private interface Write {
    void run() throws IOException;
  }

  private static void write(Write write) {
    try {
      write.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
  }
}
