package io.switchboard.identity.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.identity.apikey.ApiKeyRequests.NewApiKey;
import io.switchboard.identity.web.ApiException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ApiKeyRequestsTest {

  private static final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();
  private static final Validator validator = factory.getValidator();
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @AfterAll
  static void close() {
    factory.close();
  }

  @Test
  void acceptsSupervisorAndAdminKeys() {
    assertThat(validator.validate(new NewApiKey("CRM sync (prod)", List.of("supervisor"), null))).isEmpty();
    assertThat(validator.validate(new NewApiKey("Reports", List.of("admin", "supervisor"), NOW))).isEmpty();
  }

  @Test
  void refusesTheRolesAKeyCannotHold() {
    for (String role : List.of("service", "agent", "customer", "root", "Admin")) {
      assertThat(messages(validator.validate(new NewApiKey("crm", List.of("supervisor", role), null))))
          .as(role).containsExactly("roles[1].<list element> " + ApiKeyRequests.ROLES_MESSAGE);
    }
  }

  @Test
  void needsANameAndAtLeastOneRole() {
    assertThat(messages(validator.validate(new NewApiKey(null, null, null)))).containsExactlyInAnyOrder(
        "name must not be blank", "roles must not be empty");
    assertThat(messages(validator.validate(new NewApiKey("  ", List.of(), null)))).containsExactlyInAnyOrder(
        "name must not be blank", "roles must not be empty");
    assertThat(messages(validator.validate(new NewApiKey("crm", Arrays.asList("admin", null), null))))
        .containsExactly("roles[1].<list element> must not be null");
  }

  @Test
  void refusesALongNameOrOneWithControlCharacters() {
    assertThat(messages(validator.validate(new NewApiKey("x".repeat(101), List.of("admin"), null))))
        .containsExactly("name " + ApiKeyRequests.NAME_MESSAGE);
    assertThat(messages(validator.validate(new NewApiKey("crm\nsync", List.of("admin"), null))))
        .containsExactly("name " + ApiKeyRequests.NAME_MESSAGE);
    assertThat(validator.validate(new NewApiKey("x".repeat(100), List.of("admin"), null))).isEmpty();
  }

  @Test
  void theRolesAreKeptOnceEachInOrder() {
    assertThat(new NewApiKey("crm", List.of("supervisor", "admin", "supervisor"), null).distinctRoles())
        .containsExactly("admin", "supervisor");
  }

  @Test
  void anExpiryMustBeInTheFuture() {
    assertThatCode(() -> ApiKeyAdmin.requireFuture(null, NOW)).doesNotThrowAnyException();
    assertThatCode(() -> ApiKeyAdmin.requireFuture(NOW.plusMillis(1), NOW)).doesNotThrowAnyException();
    for (Instant bad : List.of(NOW, NOW.minusSeconds(3600))) {
      assertThatThrownBy(() -> ApiKeyAdmin.requireFuture(bad, NOW))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(400))
          .hasMessage("Invalid request: expiresAt must be in the future, not " + bad);
    }
  }

  private static List<String> messages(Set<? extends ConstraintViolation<?>> violations) {
    return violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted()
        .collect(Collectors.toList());
  }
}
