package io.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.identity.firststart.InitialAdmin;
import io.switchboard.testsupport.SharedPostgres;
import io.switchboard.testsupport.TestDatabase;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class FirstStartIT {

  @TempDir Path data;

  @Test
  void theFirstStartMakesTheAdminOnceAndARestartKeepsItsPasswordAndSigningKey(CapturedOutput output)
      throws Exception {
    TestDatabase database = SharedPostgres.newDatabase("identity_first_start");
    Path passwordFile = data.resolve("secrets/initialAdminPassword");

    String password;
    String tokenBefore;
    Object keysBefore;
    String firstUrl;
    try (TestIssuer first = TestIssuer.start(database, passwordFile)) {
      firstUrl = first.url();
      password = first.context().getBean(InitialAdmin.class).generatedPassword().orElseThrow();
      Http http = new Http(first.url());
      tokenBefore = Tokens.accessToken(http, "admin", password);
      keysBefore = http.getJson("/oauth2/jwks").get("keys");
    }

    assertThat(new Http(firstUrl).another()).satisfies(closed -> assertThatThrownBy(() -> closed.get("/oauth2/jwks"))
        .as("the port is closed with the context").isInstanceOf(UncheckedIOException.class));
    assertThat(password).hasSizeGreaterThanOrEqualTo(20);
    assertThat(Files.readString(passwordFile).trim()).isEqualTo(password);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
    assertThat(database.query("SELECT tenant, roles::text AS roles FROM identity.users WHERE username = 'admin'"))
        .containsExactly(Map.of("tenant", "default", "roles", "{admin,supervisor}"));

    try (TestIssuer second = TestIssuer.start(database, passwordFile)) {
      Http http = new Http(second.url());

      assertThat(second.context().getBean(InitialAdmin.class).generatedPassword()).isEmpty();
      assertThat(Files.readString(passwordFile).trim()).isEqualTo(password);
      assertThat(http.getJson("/oauth2/jwks").get("keys")).isEqualTo(keysBefore);
      // The issuer URL changed with the port: the signature, not the issuer, is what is checked here.
      assertThat(Tokens.verified(http, tokenBefore).getStringClaim("tenant")).isEqualTo("default");
      assertThat(Tokens.accessToken(http, "admin", password)).isNotBlank();
    }
    assertThat(output.getOut().split(password, -1)).as("times the password was logged, plus one").hasSize(2);
    assertThat(database.query("SELECT count(*) AS n FROM identity.users")).containsExactly(Map.of("n", 1L));
  }
}
