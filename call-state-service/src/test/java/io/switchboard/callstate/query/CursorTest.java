package io.switchboard.callstate.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CursorTest {

  @Test
  void decodesWhatItEncodesToMicrosecondsAndWithBarsInTheCallId() {
    Cursor cursor = new Cursor(Instant.parse("2025-03-01T10:15:30.123456Z"), "call|with|bars é");

    Cursor decoded = Cursor.decode(cursor.encode());

    assertThat(decoded).isEqualTo(cursor);
  }

  @Test
  void isUrlSafeAndOpaque() {
    String encoded = new Cursor(Instant.parse("2025-03-01T10:15:30Z"), "c/?+&=").encode();

    assertThat(encoded).matches("[A-Za-z0-9_-]+").doesNotContain("c/?");
  }

  @Test
  void refusesTextThatIsNotACursor() {
    for (String bad : new String[] {"%%%", "", url("2|2025-03-01T10:15:30Z|c"), url("1|yesterday|c"),
        url("1|2025-03-01T10:15:30Z|"), url("1|2025-03-01T10:15:30Z")}) {
      assertThatThrownBy(() -> Cursor.decode(bad)).as(bad).isInstanceOf(ApiException.class)
          .hasMessageContaining("cursor");
    }
  }

  private static String url(String plain) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }
}
