package io.switchboard.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.topics.Topic;
import io.switchboard.schemas.topics.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Fails the build when a schema change cannot read what earlier releases wrote. */
class SchemaCompatibilityTest {

  static final List<Topic<?>> TOPICS = Topics.ALL;

  @ParameterizedTest
  @FieldSource("TOPICS")
  void currentSchemaIsReleasedAndReadsEveryEarlierVersion(Topic<?> topic) {
    Schema current = SpecificData.get().getSchema(topic.valueType());

    assertThat(SchemaHistory.problems(current, ReleasedSchemas.of(topic.valueType()))).isEmpty();
  }

  @ParameterizedTest
  @FieldSource("TOPICS")
  void recordsWrittenByEveryReleasedVersionDecodeWithTheTopicSerde(Topic<?> topic) {
    List<Schema> released = ReleasedSchemas.of(topic.valueType());
    RandomRecords random = new RandomRecords(42);
    for (Schema writer : released) {
      for (int branch = 0; branch < RandomRecords.payloadBranches(writer); branch++) {
        GenericRecord written = random.record(writer, branch);

        Object read = topic.valueSerde().decode(RandomRecords.singleObject(writer, written));

        assertThat(read).isInstanceOf(topic.valueType());
        assertThat(read.toString()).contains(written.get("tenantId").toString());
      }
    }
  }

  @Test
  void anIncompatibleChangeIsReported() throws IOException {
    // The same CallEvent with one more field that has no default: old records cannot fill it in.
    Schema incompatible = parse("/schema-changes/CallEvent-required-field.avsc");

    List<String> problems = SchemaHistory.problems(incompatible, ReleasedSchemas.of(CallEvent.class));

    assertThat(problems).anySatisfy(problem -> assertThat(problem)
        .contains("cannot read v1 data").contains("READER_FIELD_MISSING_DEFAULT").contains("priority"));
    assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("cannot read v2 data"));
  }

  @Test
  void anIncompatibleChangeCannotReadOldData() throws IOException {
    Schema incompatible = parse("/schema-changes/CallEvent-required-field.avsc");
    Schema v1 = ReleasedSchemas.of(CallEvent.class).get(0);
    GenericRecord old = new RandomRecords(7).record(v1, 0);
    byte[] bytes = RandomRecords.binary(v1, old);

    assertThatThrownBy(() -> new GenericDatumReader<GenericRecord>(v1, incompatible, GenericData.get())
        .read(null, DecoderFactory.get().binaryDecoder(bytes, null)))
        .hasMessageContaining("priority");
  }

  @Test
  void aCompatibleButUnreleasedChangeAsksForANewVersionFile() throws IOException {
    Schema evolved = parse("/schema-changes/CallEvent-optional-field.avsc");

    int released = ReleasedSchemas.of(CallEvent.class).size();

    List<String> problems = SchemaHistory.problems(evolved, ReleasedSchemas.of(CallEvent.class));

    assertThat(problems).singleElement().asString()
        .contains("not among the " + released + " released versions").contains("v" + (released + 1) + ".avsc");
  }

  private static Schema parse(String resource) throws IOException {
    try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream(resource)) {
      return new Schema.Parser().parse(in);
    }
  }
}
