package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CopyRowsTest {

  @Test
  void writesPostgresBinaryCopyFieldByField() {
    UUID id = new UUID(0x0102030405060708L, 0x090A0B0C0D0E0F10L);
    CopyRows rows = new CopyRows(16);
    rows.row(6).uuid(id).text("é").int4(7).int8(-2).timestamptz(Instant.parse("2000-01-01T00:00:01.000002Z"))
        .bytes(new byte[] {9});

    ByteBuffer copy = ByteBuffer.wrap(rows.finish());

    byte[] signature = new byte[11];
    copy.get(signature);
    assertThat(new String(signature, 0, 6, StandardCharsets.US_ASCII)).isEqualTo("PGCOPY");
    assertThat(Arrays.copyOfRange(signature, 6, 11)).containsExactly('\n', 0xFF, '\r', '\n', 0);
    assertThat(copy.getInt()).as("flags").isZero();
    assertThat(copy.getInt()).as("header extension").isZero();
    assertThat(copy.getShort()).as("fields").isEqualTo((short) 6);
    assertThat(copy.getInt()).isEqualTo(16);
    assertThat(new UUID(copy.getLong(), copy.getLong())).isEqualTo(id);
    assertThat(copy.getInt()).as("UTF-8 length").isEqualTo(2);
    byte[] text = new byte[2];
    copy.get(text);
    assertThat(new String(text, StandardCharsets.UTF_8)).isEqualTo("é");
    assertThat(copy.getInt()).isEqualTo(4);
    assertThat(copy.getInt()).isEqualTo(7);
    assertThat(copy.getInt()).isEqualTo(8);
    assertThat(copy.getLong()).isEqualTo(-2);
    assertThat(copy.getInt()).isEqualTo(8);
    assertThat(copy.getLong()).as("microseconds since 2000-01-01").isEqualTo(1_000_002L);
    assertThat(copy.getInt()).isEqualTo(1);
    assertThat(copy.get()).isEqualTo((byte) 9);
    assertThat(copy.getShort()).as("trailer").isEqualTo((short) -1);
    assertThat(copy.hasRemaining()).isFalse();
  }
}
