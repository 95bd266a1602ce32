package io.switchboard.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every released version of a record's schema, kept in this module's resources as
 * {@code io/switchboard/schemas/released/<Record>/v<N>.avsc}, numbered from 1 without gaps.
 *
 * <p>Releasing a schema change means adding the next version file. A test checks that the current
 * schema is one of the released versions and that it can read data written by every earlier one.
 */
public final class ReleasedSchemas {

  private static final String ROOT = "/io/switchboard/schemas/released/";

  private ReleasedSchemas() {}

  /** The released versions of {@code type}'s schema, oldest first. */
  public static List<Schema> of(Class<?> type) {
    return of(type.getSimpleName());
  }

  /** The released versions of the record named {@code recordName}, oldest first. */
  public static List<Schema> of(String recordName) {
    List<Schema> versions = new ArrayList<>();
    for (int version = 1; ; version++) {
      String resource = ROOT + recordName + "/v" + version + ".avsc";
      try (InputStream in = ReleasedSchemas.class.getResourceAsStream(resource)) {
        if (in == null) {
          break;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + resource, e);
      }
    }
    if (versions.isEmpty()) {
      throw new IllegalStateException("No released schema for " + recordName + " under " + ROOT);
    }
    return List.copyOf(versions);
  }
}
