package io.switchboard.schemas.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EModelTest {

  @Test
  void aPerfectNarrowbandCallRates93Point2AndMos4Point41() {
    assertThat(EModel.rating(0, 0, EModel.G711)).isEqualTo(93.2);
    assertThat(EModel.mosOf(93.2)).isCloseTo(4.41, within(0.005));
  }

  /** G.107 Annex B's R to MOS, the points of G.109's user satisfaction bands. */
  @ParameterizedTest
  @CsvSource({"90, 4.34", "80, 4.03", "70, 3.60", "60, 3.10", "50, 2.58"})
  void convertsRToMosAsG107AnnexB(double r, double mos) {
    assertThat(EModel.mosOf(r)).isCloseTo(mos, within(0.006));
  }

  @Test
  void mosIsOneBelowRZeroAndFourAndAHalfAboveAHundred() {
    assertThat(EModel.mosOf(-20)).isEqualTo(1);
    assertThat(EModel.mosOf(0)).isEqualTo(1);
    assertThat(EModel.mosOf(3)).isEqualTo(1);
    assertThat(EModel.mosOf(100)).isEqualTo(4.5);
    assertThat(EModel.mosOf(120)).isEqualTo(4.5);
  }

  /** Delay only: 0.024 per ms up to 177.3 ms one way, 0.134 per ms beyond. */
  @ParameterizedTest
  @CsvSource({"0, 0", "150, 3.6", "177.3, 4.2552", "200, 7.297", "300, 20.697", "400, 34.097"})
  void delayImpairmentFollowsTheFormulaOnBothSidesOfTheKnee(double oneWayMs, double id) {
    assertThat(EModel.delayImpairment(oneWayMs)).isCloseTo(id, within(0.001));
  }

  /** Loss only, random loss, with G.113 Appendix I's Ie and Bpl. */
  @ParameterizedTest
  @CsvSource({
      "0, 0, 25.1, 0", "2, 0, 25.1, 7.011", "10, 0, 25.1, 27.066",
      "1, 0, 4.3, 17.925", "5, 0, 4.3, 51.075",
      "0, 11, 19.0, 11", "2, 11, 19.0, 19.0"})
  void lossImpairmentFollowsG107WithG113Values(double lossPercent, double ie, double bpl, double ieEff) {
    assertThat(EModel.lossImpairment(lossPercent, new EModel.Codec("c", ie, bpl, 0))).isCloseTo(ieEff, within(0.001));
  }

  @Test
  void allLostIsTheWorstTheCodecCanGet() {
    assertThat(EModel.lossImpairment(100, EModel.G711)).isCloseTo(95 * 100 / 125.1, within(1e-9));
    assertThat(EModel.mos("opus", 0.0, 0.0, 100.0)).isLessThan(1.5);
  }

  @Test
  void mosFallsAsLossGrows() {
    double previous = Double.MAX_VALUE;
    for (double loss = 0; loss <= 100; loss += 0.5) {
      double mos = EModel.mos("opus", 40.0, 5.0, loss);
      assertThat(mos).isLessThanOrEqualTo(previous);
      previous = mos;
    }
    assertThat(EModel.mos("opus", 40.0, 5.0, 0.0)).isGreaterThan(EModel.mos("opus", 40.0, 5.0, 3.0));
  }

  @Test
  void mosFallsAsDelayOrJitterGrows() {
    double previous = Double.MAX_VALUE;
    for (double rtt = 0; rtt <= 2000; rtt += 10) {
      double mos = EModel.mos("PCMU", rtt, 0.0, 0.0);
      assertThat(mos).isLessThanOrEqualTo(previous);
      previous = mos;
    }
    assertThat(EModel.mos("PCMU", 100.0, 0.0, 0.0)).isGreaterThan(EModel.mos("PCMU", 600.0, 0.0, 0.0));
    assertThat(EModel.mos("PCMU", 100.0, 5.0, 0.0)).isGreaterThan(EModel.mos("PCMU", 100.0, 80.0, 0.0));
  }

  @Test
  void oneWayDelayIsHalfTheRoundTripPlusTheJitterBufferAndTheCodec() {
    // rtt 200 -> 100, jitter 10 -> 20, G.711 20: d = 140 ms, Id 3.36, R 89.84.
    assertThat(EModel.mos("PCMU", 200.0, 10.0, 0.0)).isCloseTo(EModel.mosOf(93.2 - 0.024 * 140), within(1e-9));
    // Opus adds its look-ahead: 26.5 ms at no network delay.
    assertThat(EModel.mos("opus", null, null, null)).isCloseTo(EModel.mosOf(93.2 - 0.024 * 26.5), within(1e-9));
  }

  @Test
  void namesCodecsAsSdpAndGetStatsDoAndFallsBackToG711() {
    assertThat(EModel.codec("opus")).isEqualTo(EModel.OPUS);
    assertThat(EModel.codec("audio/opus")).isEqualTo(EModel.OPUS);
    assertThat(EModel.codec("PCMU")).isEqualTo(EModel.G711);
    assertThat(EModel.codec("audio/PCMA")).isEqualTo(EModel.G711);
    assertThat(EModel.codec("G.729")).isEqualTo(EModel.G729);
    assertThat(EModel.codec("iLBC")).isEqualTo(EModel.G711);
    assertThat(EModel.codec(null)).isEqualTo(EModel.G711);
  }
}
