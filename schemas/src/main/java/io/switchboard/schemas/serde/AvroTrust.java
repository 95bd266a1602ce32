package io.switchboard.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;

/** Tells Avro that the generated event classes may be instantiated when records are read. */
final class AvroTrust {

  static final String GENERATED_PACKAGE = "io.switchboard.schemas.avro";

  private static final ClassSecurityValidator.ClassSecurityPredicate GENERATED =
      type -> type.getName().startsWith(GENERATED_PACKAGE + ".");

  private AvroTrust() {}

  /** Adds the generated package to Avro's trusted classes; calling it again changes nothing. */
  static synchronized void trustGeneratedRecords() {
    ClassSecurityValidator.ClassSecurityPredicate global = ClassSecurityValidator.getGlobal();
    Class<?> probe = io.switchboard.schemas.avro.CallEvent.class;
    if (!global.isTrusted(probe)) {
      ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(global, GENERATED));
    }
  }
}
