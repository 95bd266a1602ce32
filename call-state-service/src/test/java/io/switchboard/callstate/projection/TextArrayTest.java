package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TextArrayTest {

  @Test
  void quotesEveryElementEscapesQuotesAndBackslashesAndWritesNullAsNull() {
    List<String> values = Arrays.asList("plain", "with \"quotes\"", "back\\slash", null, "", "{a,b}", "NULL");

    assertThat(TextArray.of(values, Function.identity()))
        .isEqualTo("{\"plain\",\"with \\\"quotes\\\"\",\"back\\\\slash\",NULL,\"\",\"{a,b}\",\"NULL\"}");
  }

  @Test
  void writesInstantsNumbersAndIdsAsTheirText() {
    UUID id = new UUID(1, 2);

    assertThat(TextArray.of(List.of(Instant.parse("2026-11-22T06:00:00.123456Z")), Function.identity()))
        .isEqualTo("{\"2026-11-22T06:00:00.123456Z\"}");
    assertThat(TextArray.of(List.of(7L, -1L), Function.identity())).isEqualTo("{\"7\",\"-1\"}");
    assertThat(TextArray.of(List.of(id), Function.identity())).isEqualTo("{\"" + id + "\"}");
    assertThat(TextArray.of(List.of(), Function.identity())).isEqualTo("{}");
  }
}
