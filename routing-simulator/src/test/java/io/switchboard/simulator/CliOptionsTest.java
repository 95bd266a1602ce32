package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CliOptionsTest {

  @Test
  void readsQueuesAgentGroupsAndShifts() {
    // given
    CliOptions options = new CliOptions("--queues=sales,support", "--arrivals-per-hour=120,30",
        "--agents=3:sales,2:sales+support", "--shift-hours=1-9", "--aht-seconds=200", "--handle-sd-seconds=100",
        "--patience-seconds=60", "--tags=urgent:0.1", "--attributes=vip=true:0.2", "--strategy=LONGEST_IDLE,RANDOM");

    // then
    assertThat(options.queues()).extracting(QueueWorkload::queue, QueueWorkload::arrivalsPerHour)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("sales", 120.0),
            org.assertj.core.groups.Tuple.tuple("support", 30.0));
    assertThat(options.queues().get(0).handleTime().toString()).startsWith("log-normal");
    assertThat(options.queues().get(0).patience()).isNotNull();
    assertThat(options.queues().get(0).attributes()).containsEntry("vip=true", 0.2);
    assertThat(options.agents()).hasSize(5).last().satisfies(agent -> {
      assertThat(agent.queues()).containsExactly("sales", "support");
      assertThat(agent.startMs()).isEqualTo(3_600_000);
      assertThat(agent.endMs()).isEqualTo(9 * 3_600_000);
    });
    assertThat(options.strategies()).containsExactly("LONGEST_IDLE", "RANDOM");
  }

  @Test
  void namesTheOptionThatIsWrong() {
    assertThatThrownBy(() -> new CliOptions("--agent=3")).hasMessage("Unknown option --agent");
    assertThatThrownBy(() -> new CliOptions("--hours=eight").settings()).hasMessageContaining("--hours");
    assertThatThrownBy(() -> new CliOptions("--tags=urgent:2").queues()).hasMessageContaining("within 0..1");
  }

  @Test
  void commandPrintsATableOrExplainsTheBadOption() {
    // given
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    // when
    int ok = SimulatorMain.run(new String[] {"--agents=2", "--arrivals-per-hour=30", "--aht-seconds=120",
        "--hours=0.5", "--seed=3"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    int bad = SimulatorMain.run(new String[] {"--hours=-1"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    // then
    assertThat(ok).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("SL20s").contains("general").contains("LONGEST_IDLE");
    assertThat(bad).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--hours");
  }
}
