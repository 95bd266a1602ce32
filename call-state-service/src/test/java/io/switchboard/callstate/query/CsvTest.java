package io.switchboard.callstate.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class CsvTest {

  @Test
  void leavesPlainFieldsAlone() {
    assertThat(Csv.field("sales-queue 1")).isEqualTo("sales-queue 1");
  }

  @Test
  void quotesFieldsWithCommasQuotesAndLineBreaksAndDoublesQuotes() {
    assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
    assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(Csv.field("cr\r")).isEqualTo("\"cr\r\"");
  }

  @Test
  void endsEachRecordWithCrlfAndWritesNullAsAnEmptyField() {
    assertThat(Csv.line(Arrays.asList("q", null, 3, 0.5, "x,y"))).isEqualTo("q,,3,0.5,\"x,y\"\r\n");
  }

  @Test
  void streamsTheHeaderFirstThenOneLinePerRow() {
    Flux<String> lines = Csv.lines(List.of("name", "n"), Flux.just("a", "b\""), row -> List.of(row, row.length()));

    lines.as(StepVerifier::create)
        .expectNext("name,n\r\n", "a,1\r\n", "\"b\"\"\",2\r\n")
        .verifyComplete();
  }

  @Test
  void writesTheHeaderEvenWhenThereAreNoRows() {
    Csv.lines(List.of("a", "b"), Flux.<String>empty(), row -> List.of(row))
        .as(StepVerifier::create).expectNext("a,b\r\n").verifyComplete();
  }
}
