package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QualityScoreTest {

  @Test
  void gradesAMosAtAndAroundEachThreshold() {
    assertThat(QualityScore.of(4.41)).isEqualTo("excellent");
    assertThat(QualityScore.of(4.0)).isEqualTo("excellent");
    assertThat(QualityScore.of(3.99)).isEqualTo("good");
    assertThat(QualityScore.of(3.6)).isEqualTo("good");
    assertThat(QualityScore.of(3.59)).isEqualTo("fair");
    assertThat(QualityScore.of(3.1)).isEqualTo("fair");
    assertThat(QualityScore.of(3.09)).isEqualTo("poor");
    assertThat(QualityScore.of(1.0)).isEqualTo("poor");
  }

  @Test
  void aSampleWithoutAMosHasNoScore() {
    assertThat(QualityScore.of(null)).isNull();
    assertThat(QualityScore.of(Double.NaN)).isNull();
  }
}
