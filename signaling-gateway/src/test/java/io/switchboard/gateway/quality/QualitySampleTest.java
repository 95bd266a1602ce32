package io.switchboard.gateway.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.schemas.avro.MediaType;
import io.switchboard.schemas.quality.EModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class QualitySampleTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static QualitySample read(String json) throws QualitySample.InvalidSampleException {
    return QualitySample.from(JSON.readTree(json));
  }

  @Test
  void takesTheEdgesOfEachRange() throws Exception {
    QualitySample sample = read("{\"mediaType\":\"video\",\"jitterMs\":59999.9,\"packetLossPercent\":100,"
        + "\"rttMs\":0,\"bitrateKbps\":0,\"framesPerSecond\":1000,\"width\":16384,\"height\":0,\"codec\":\"video/VP8\"}");

    assertThat(sample.mediaType()).isEqualTo(MediaType.VIDEO);
    assertThat(sample.jitterMs()).isEqualTo(59999.9);
    assertThat(sample.packetLossPercent()).isEqualTo(100.0);
    assertThat(sample.width()).isEqualTo(16384);
    assertThat(sample.codec()).isEqualTo("video/VP8");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"packetLossPercent\":-0.1}", "{\"packetLossPercent\":100.01}", "{\"jitterMs\":60000}",
      "{\"rttMs\":true}", "{\"bitrateKbps\":10000001}", "{\"framesPerSecond\":-1}", "{\"width\":16385}",
      "{\"height\":3000000000}", "{\"codec\":\"\"}", "{\"codec\":42}", "{\"mediaType\":\"DATA\"}", "{\"mediaType\":1}"})
  void refusesAFigureOutOfItsRangeOrOfTheWrongType(String json) {
    assertThatThrownBy(() -> read(json)).isInstanceOf(QualitySample.InvalidSampleException.class)
        .hasMessageStartingWith("Invalid quality sample: ");
  }

  @Test
  void onlyAVoiceStreamWithAFigureHasAMos() throws Exception {
    assertThat(read("{}").mos()).isNull();
    assertThat(read("{\"mediaType\":\"AUDIO\",\"bitrateKbps\":32}").mos()).isNull();
    assertThat(read("{\"mediaType\":\"SCREEN\",\"packetLossPercent\":1}").mos()).isNull();
    assertThat(read("{\"packetLossPercent\":2,\"codec\":\"PCMU\"}").mos())
        .isEqualTo(EModel.mosOf(93.2 - 0.024 * 20 - 95 * 2 / 27.1));
  }
}
