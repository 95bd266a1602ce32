package io.switchboard.schemas.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimsTest {

  @Test
  void readsATopLevelClaimANestedPathOrOneString() {
    assertThat(Claims.strings(Map.of("roles", List.of("service", "admin")), "roles"))
        .containsExactly("service", "admin");
    assertThat(Claims.strings(Map.of("realm_access", Map.of("roles", List.of("service"))), "realm_access.roles"))
        .containsExactly("service");
    assertThat(Claims.strings(Map.of("https://switchboard.io/roles", "service admin"), "https://switchboard.io/roles"))
        .containsExactly("service", "admin");
  }

  @Test
  void aMissingOrOddClaimIsNone() {
    assertThat(Claims.strings(Map.of(), "roles")).isEmpty();
    assertThat(Claims.strings(Map.of("realm_access", "service"), "realm_access.roles")).isEmpty();
    assertThat(Claims.strings(Map.of("roles", List.of(1, "service")), "roles")).containsExactly("service");
    assertThat(Claims.strings(Map.of("roles", " "), "roles")).isEmpty();
  }
}
