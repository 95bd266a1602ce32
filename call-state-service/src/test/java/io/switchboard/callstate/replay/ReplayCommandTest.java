package io.switchboard.callstate.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayCommandTest {

  private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

  @Test
  void progressShowsShareRateLagAndTimeLeft() {
    ReplayStatus status = new ReplayStatus(ReplayPhase.REBUILDING, T0, null, 412_000, 7_812.4, 588_000, 76L, 41.2,
        "public", null, null, null);
    assertThat(ReplayCommand.describe(status))
        .isEqualTo("REBUILDING 41% 412,000 records, 7,812 events/s, lag 588,000, ETA 76 s");
  }

  @Test
  void unknownLagAndTimeShowAsQuestionMarks() {
    ReplayStatus status = new ReplayStatus(ReplayPhase.REBUILDING, T0, null, 0, 0, -1, null, null, "public", null,
        null, null);
    assertThat(ReplayCommand.describe(status)).isEqualTo("REBUILDING ?% 0 records, 0 events/s, lag ?, ETA ?");
  }

  @Test
  void theEndSaysHowLongItTookAndWhereTheOldTablesWent() {
    ReplayStatus status = new ReplayStatus(ReplayPhase.DONE, T0, T0.plusMillis(132_300), 1_000_004, 7_558.6, 0, 0L,
        100.0, "public", "callstate_retired", 412L, null);
    assertThat(ReplayCommand.describe(status)).isEqualTo("DONE 1,000,004 records in 132.3 s at 7,559 events/s; "
        + "live projection paused 412 ms; the replaced tables are in schema callstate_retired");
  }

  @Test
  void aFailureSaysWhy() {
    ReplayStatus status = new ReplayStatus(ReplayPhase.FAILED, T0, T0.plusSeconds(3), 10, 0, 5, null, null, "public",
        null, null, "IllegalStateException: boom");
    assertThat(ReplayCommand.describe(status)).isEqualTo("FAILED IllegalStateException: boom (the old tables stay live)");
  }

  @Test
  void badOptionsExitWithTwoAndTheUsage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ReplayCommand.run(List.of("--speed=fast"), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --speed=fast").contains("usage: replay");

    err.reset();
    exit = ReplayCommand.run(List.of("--interval=soon"), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad option --interval=soon");
  }

  @Test
  void credentialOptionsGoTogetherAndExcludeEachOther() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

    assertThat(ReplayCommand.run(List.of("--client-id=ops", "--token-url=http://issuer/token"), Map.of(), System.out,
        errors)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("go together");

    err.reset();
    assertThat(ReplayCommand.run(List.of("--token=abc", "--client-id=ops", "--token-url=http://issuer/token",
        "--client-secret=s"), Map.of(), System.out, errors)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("exclude each other");

    err.reset();
    assertThat(ReplayCommand.run(List.of("--client-id=ops", "--token-url=issuer/token"),
        Map.of("SWITCHBOARD_CLIENT_SECRET", "s"), System.out, errors)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--token-url must be an http(s) URL");
  }
}
