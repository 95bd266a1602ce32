package io.switchboard.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs from the system's packages that some end-to-end tests run (coturn, SIPp, Chromium).
 * Without them such a test is skipped, so that {@code ./mvnw verify} works on a machine with only
 * Java; with the environment variable {@value #REQUIRE} set (CI sets it after installing them) a
 * missing program fails the test instead, so nothing is skipped where it should run.
 */
public final class SystemTools {

  public static final String REQUIRE = "SWITCHBOARD_REQUIRE_SYSTEM_TOOLS";

  private SystemTools() {}

  /** The program's path on {@code PATH}; skips (or fails, see above) the calling test without it. */
  public static Path require(String program, String debianPackage) {
    Optional<Path> found = find(program);
    String missing = program + " is not installed (Debian package " + debianPackage + ")";
    if (found.isEmpty() && System.getenv(REQUIRE) != null) {
      throw new AssertionError(missing + ", and " + REQUIRE + " is set");
    }
    Assumptions.assumeTrue(found.isPresent(), missing + ": skipped");
    return found.get();
  }

  static Optional<Path> find(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
