package io.switchboard.identity.firststart;

import io.switchboard.identity.user.Role;
import io.switchboard.identity.user.UserStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The first start: with no user at all, it makes the bootstrap tenant and its admin with a generated
 * password, logs that password once and writes it to a file only its owner can read, as Jenkins'
 * initialAdminPassword. Later starts find a user and do nothing.
 */
public final class InitialAdmin {

  private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  static final int PASSWORD_LENGTH = 24;

  private final String username;
  private final Path passwordFile;
  private final String password;

  private InitialAdmin(String username, Path passwordFile, String password) {
    this.username = username;
    this.passwordFile = passwordFile;
    this.password = password;
  }

  /** Makes the first admin if there is no user yet. */
  public static InitialAdmin ensure(UserStore users, PasswordEncoder encoder, BootstrapProperties properties,
      SecureRandom random) {
    String generated = users.exclusively(() -> {
      if (users.anyUser()) {
        return null;
      }
      String password = password(random);
      users.createTenant(properties.bootstrapTenant());
      users.create(properties.bootstrapTenant(), properties.initialAdminUsername(), encoder.encode(password),
          EnumSet.of(Role.ADMIN, Role.SUPERVISOR), null, "Administrator", true);
      return password;
    });
    if (generated != null) {
      log.warn("""

          *************************************************************
          First start: made tenant '{}' and its admin login.

            username: {}
            password: {}

          The password is also in {} (readable by its owner only).
          It is shown this once; change it with
          PUT /api/v1/users/{}/password.
          *************************************************************""",
          properties.bootstrapTenant(), properties.initialAdminUsername(), generated,
          properties.initialAdminPasswordFile().toAbsolutePath(), properties.initialAdminUsername());
      // Logged first: should the file fail to be written, the password is not lost.
      write(properties.initialAdminPasswordFile(), generated);
    }
    return new InitialAdmin(properties.initialAdminUsername(), properties.initialAdminPasswordFile(), generated);
  }

  /** The generated password, on the start that made the admin; empty on every later start. */
  public Optional<String> generatedPassword() {
    return Optional.ofNullable(password);
  }

  public String username() {
    return username;
  }

  /** Where the generated password was written. */
  public Path passwordFile() {
    return passwordFile;
  }

  static String password(SecureRandom random) {
    StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
    for (int i = 0; i < PASSWORD_LENGTH; i++) {
      password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }

  /** Writes the password to a new file of mode 600 (replacing a stale one from an older database). */
  static void write(Path file, String password) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.deleteIfExists(file);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      Files.writeString(file, password + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException("Another process wrote " + file + " at the same time", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the initial admin password to " + file, e);
    }
  }
}
