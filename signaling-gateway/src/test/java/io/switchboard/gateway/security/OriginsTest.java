package io.switchboard.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OriginsTest {

  @ParameterizedTest
  @CsvSource({
      "https://shop.example,https://shop.example",
      "HTTPS://Shop.Example,https://shop.example",
      "https://shop.example:443,https://shop.example",
      "http://shop.example:80,http://shop.example",
      "https://shop.example:8443,https://shop.example:8443",
      "http://localhost:3000,http://localhost:3000",
      "http://127.0.0.1:8080,http://127.0.0.1:8080",
      "http://[::1]:3000,http://[::1]:3000",
      "https://a-b.c-d.example,https://a-b.c-d.example"})
  void anOriginIsWrittenAsBrowsersSendIt(String given, String normalised) {
    assertThat(Origins.normalise(given)).contains(normalised);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "*", "null", "shop.example", "https://", "https://shop.example/", "https://shop.example/path",
      "https://shop.example?q=1", "https://user@shop.example", "ftp://shop.example", "https://*.shop.example",
      "https://shop.example:0", "https://shop.example:65536", "https://shop.example:123456", "https://-shop.example",
      "https://shop..example", "https://shop.example ", "javascript://shop.example", "https://shop.example#x"})
  void anythingElseIsNotAnOrigin(String given) {
    assertThat(Origins.normalise(given)).isEmpty();
  }

  @Test
  void nullIsNotAnOrigin() {
    assertThat(Origins.normalise(null)).isEmpty();
  }
}
