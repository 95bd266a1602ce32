package io.switchboard.standalone;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/**
 * The client secrets the services of one stack use to get tokens from its identity service, and the
 * gateway's key for its customer tokens, made on first start and kept in the data folder (readable
 * by its owner only), so that a command run beside the stack, such as {@code ./switchboard replay},
 * can authenticate as a service too. A folder of an earlier version gets the secrets it lacks added.
 */
final class ServiceSecrets {

  static final String FILE = "service-secrets.properties";

  private final Properties secrets;

  private ServiceSecrets(Properties secrets) {
    this.secrets = secrets;
  }

  /** Reads the folder's secrets, making and saving any of {@code clients} (secret names) that has none yet. */
  static ServiceSecrets load(Path dataDir, List<String> clients) {
    Path file = dataDir.resolve(FILE);
    Properties secrets = new Properties();
    try {
      if (Files.exists(file)) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          secrets.load(in);
        }
      }
      boolean added = false;
      SecureRandom random = new SecureRandom();
      for (String client : clients) {
        if (secrets.getProperty(client, "").isBlank()) {
          byte[] bytes = new byte[32];
          random.nextBytes(bytes);
          secrets.setProperty(client, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
          added = true;
        }
      }
      if (added) {
        save(file, secrets);
      }
      return new ServiceSecrets(secrets);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write the service secrets in " + file, e);
    }
  }

  /** The secrets a stack already made in {@code dataDir}, for a command run beside it. */
  static ServiceSecrets existing(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    Properties secrets = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      secrets.load(in);
    } catch (IOException e) {
      throw new StartupException("No service secrets in " + file + " (" + e.getMessage() + "): start the stack on "
          + dataDir + " first, or pass --data-dir=<folder>.");
    }
    return new ServiceSecrets(secrets);
  }

  String secret(String client) {
    String secret = secrets.getProperty(client);
    if (secret == null) {
      throw new IllegalArgumentException("No secret for client " + client);
    }
    return secret;
  }

  private static void save(Path file, Properties secrets) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = file.resolveSibling(FILE + ".new");
    Files.deleteIfExists(temporary);
    try {
      Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(temporary);
    }
    try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
      secrets.store(out, "Client secrets of this stack's services; keep them private");
    }
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
