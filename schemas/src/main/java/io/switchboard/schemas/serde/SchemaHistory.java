package io.switchboard.schemas.serde;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;

/**
 * Checks a record's current schema against its released versions: the current schema must be
 * released, and it must be able to read data written by every earlier version (backward
 * compatibility, which is what replaying old topics needs).
 */
public final class SchemaHistory {

  private SchemaHistory() {}

  /** What is wrong with {@code current} given {@code released}; empty when all is well. */
  public static List<String> problems(Schema current, List<Schema> released) {
    List<String> problems = new ArrayList<>();
    long fingerprint = SchemaNormalization.parsingFingerprint64(current);
    boolean isReleased = released.stream()
        .anyMatch(version -> SchemaNormalization.parsingFingerprint64(version) == fingerprint);
    if (!isReleased) {
      problems.add(current.getName() + ": the current schema is not among the " + released.size()
          + " released versions; add it as v" + (released.size() + 1) + ".avsc");
    }
    for (int i = 0; i < released.size(); i++) {
      var result = SchemaCompatibility.checkReaderWriterCompatibility(current, released.get(i)).getResult();
      if (result.getCompatibility() != SchemaCompatibilityType.COMPATIBLE) {
        for (var incompatibility : result.getIncompatibilities()) {
          problems.add(current.getName() + ": cannot read v" + (i + 1) + " data: "
              + incompatibility.getType() + " at " + incompatibility.getLocation() + " ("
              + incompatibility.getMessage() + ")");
        }
      }
    }
    return problems;
  }
}
