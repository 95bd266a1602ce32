package io.switchboard.identity.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.identity.user.UserRequests.NewTenant;
import io.switchboard.identity.user.UserRequests.NewUser;
import io.switchboard.identity.user.UserRequests.TenantAdmin;
import io.switchboard.identity.web.ApiException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class UserRequestsTest {

  private static final jakarta.validation.ValidatorFactory factory = Validation.buildDefaultValidatorFactory();
  private static final Validator validator = factory.getValidator();

  @AfterAll
  static void close() {
    factory.close();
  }

  @Test
  void acceptsAWellFormedLogin() {
    NewUser user = new NewUser("ana.lopez@acme:1", "twelve-chars", EnumSet.of(Role.AGENT), "agent_7-a", null, null);

    assertThat(validator.validate(user)).isEmpty();
  }

  @Test
  void namesEachBadField() {
    NewUser user = new NewUser("no spaces", "short", Set.of(), "x".repeat(129), null, null);

    assertThat(messages(validator.validate(user))).containsExactlyInAnyOrder(
        "agentId must match [A-Za-z0-9_.:@-]{1,128}",
        "password must be 12 to 200 characters",
        "roles must not be empty",
        "username must match [A-Za-z0-9_.:@-]{1,128}");
  }

  @Test
  void aTenantNameHasItsOwnShapeAndItsAdminIsChecked() {
    NewTenant tenant = new NewTenant("acme.corp", new TenantAdmin(null, "twelve-chars", null));

    assertThat(messages(validator.validate(tenant))).containsExactlyInAnyOrder(
        "tenant must match [A-Za-z0-9_-]{1,64}", "admin.username must not be null");
  }

  @Test
  void anAgentNeedsAnAgentId() {
    assertThatThrownBy(() -> UserAdmin.requireAgentId(EnumSet.of(Role.AGENT, Role.SUPERVISOR), null))
        .isInstanceOf(ApiException.class).hasMessageContaining("agentId is required");
    UserAdmin.requireAgentId(EnumSet.of(Role.SUPERVISOR), null);
    UserAdmin.requireAgentId(EnumSet.of(Role.AGENT), "a-1");
  }

  @Test
  void rolesReadOnlyTheirLowerCaseNames() {
    assertThat(Role.of("supervisor")).isEqualTo(Role.SUPERVISOR);
    assertThatThrownBy(() -> Role.of("service")).hasMessageContaining("unknown role 'service'");
    assertThatThrownBy(() -> Role.of("ADMIN")).isInstanceOf(IllegalArgumentException.class);
  }

  private static Set<String> messages(Set<? extends ConstraintViolation<?>> violations) {
    return violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).collect(Collectors.toSet());
  }
}
