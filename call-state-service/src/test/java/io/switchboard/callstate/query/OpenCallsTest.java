package io.switchboard.callstate.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OpenCallsTest {

  @Test
  void namesTheTerminalStatesOfTheStateMachine() {
    assertThat(OpenCalls.PREDICATE).isEqualTo(
        "state NOT IN ('ENDED', 'ABANDONED', 'FAILED', 'BUSY', 'DECLINED', 'MISSED', 'CANCELLED', 'TRANSFERRED')");
  }

  @Test
  void isWordForWordThePredicateOfEveryPartialIndexOfCalls() throws IOException {
    // A query can use a partial index only if its condition implies the index's: the same words.
    String migration;
    try (InputStream in = OpenCallsTest.class.getResourceAsStream("/db/callstate/V9__write_path.sql")) {
      migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher index = Pattern.compile("CREATE INDEX (\\w+) ON calls \\([^)]*\\)\\s+WHERE ([^;]+);").matcher(migration);
    int partial = 0;
    while (index.find()) {
      assertThat(index.group(2).trim()).as(index.group(1)).isEqualTo(OpenCalls.PREDICATE);
      partial++;
    }
    assertThat(partial).isEqualTo(2);
  }
}
