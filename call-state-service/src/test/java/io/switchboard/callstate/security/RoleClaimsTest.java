package io.switchboard.callstate.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoleClaimsTest {

  @Test
  void readsATopLevelClaimANestedPathOrOneString() {
    assertThat(new RoleClaims("roles").roles(Map.of("roles", List.of("service", "admin"))))
        .containsExactly("service", "admin");
    assertThat(new RoleClaims("realm_access.roles").roles(Map.of("realm_access", Map.of("roles", List.of("service")))))
        .containsExactly("service");
    assertThat(new RoleClaims("https://switchboard.io/roles").roles(Map.of("https://switchboard.io/roles", "service admin")))
        .containsExactly("service", "admin");
  }

  @Test
  void aMissingOrOddClaimIsNoRoles() {
    assertThat(new RoleClaims("roles").roles(Map.of())).isEmpty();
    assertThat(new RoleClaims("realm_access.roles").roles(Map.of("realm_access", "service"))).isEmpty();
    assertThat(new RoleClaims("roles").roles(Map.of("roles", List.of(1, "service")))).containsExactly("service");
    assertThat(new RoleClaims("roles").roles(Map.of("roles", " "))).isEmpty();
  }
}
