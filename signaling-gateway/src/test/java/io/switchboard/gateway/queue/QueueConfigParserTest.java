package io.switchboard.gateway.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.gateway.web.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class QueueConfigParserTest {

  private final QueueConfigParser parser = new QueueConfigParser(JsonMapper.builder().build());

  @Test
  void aMisspeltFieldIsRefusedRatherThanIgnored() {
    assertThatThrownBy(() -> parser.parse("{\"maxWaitSecond\":60}"))
        .isInstanceOf(ApiException.class)
        .hasMessageStartingWith("Unknown field 'maxWaitSecond'; known fields: ")
        .hasMessageContaining("maxWaitSeconds");
  }

  @Test
  void anUnknownNestedFieldIsNamedWithItsPath() {
    assertThatThrownBy(() -> parser.parse("{\"requiredSkills\":[{\"name\":\"a\",\"level\":3}]}"))
        .hasMessageStartingWith("Unknown field 'requiredSkills[0].level'");
  }

  @Test
  void aWronglyTypedValueNamesTheField() {
    assertThatThrownBy(() -> parser.parse("{\"capacity\":\"ten\"}"))
        .isInstanceOf(ApiException.class)
        .hasMessageStartingWith("Malformed queue config at capacity: ");
    assertThatThrownBy(() -> parser.parse("{\"capacity\":"))
        .hasMessageStartingWith("Malformed queue config");
    assertThatThrownBy(() -> parser.parse("[1]"))
        .hasMessageStartingWith("Malformed queue config");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "  ", "{}"})
  void anEmptyBodyIsAnEmptyConfig(String body) {
    assertThat(parser.parse(body)).isEqualTo(new QueueConfigRequest(null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null));
  }

  @Test
  void nullIsNotAConfig() {
    assertThatThrownBy(() -> parser.parse("null")).hasMessage("A queue config must be a JSON object");
  }
}
