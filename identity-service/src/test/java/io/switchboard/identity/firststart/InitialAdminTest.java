package io.switchboard.identity.firststart;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InitialAdminTest {

  @Test
  void generatesLongPasswordsWithoutLookAlikeCharacters() {
    SecureRandom random = new SecureRandom();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String password = InitialAdmin.password(random);

      assertThat(password).hasSizeGreaterThanOrEqualTo(20).matches("[A-HJ-NP-Za-km-z2-9]+");
      seen.add(password);
    }
    assertThat(seen).hasSize(100);
  }
}
