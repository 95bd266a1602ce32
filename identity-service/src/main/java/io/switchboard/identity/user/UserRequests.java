package io.switchboard.identity.user;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The bodies of the admin API. */
public final class UserRequests {

  static final int MIN_PASSWORD = 12;
  static final String PASSWORD_MESSAGE = "must be 12 to 200 characters";

  private UserRequests() {}

  /** A new login of the caller's tenant. */
  public record NewUser(
      @NotNull @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String username,
      @NotNull @Size(min = MIN_PASSWORD, max = 200, message = PASSWORD_MESSAGE) String password,
      @NotEmpty Set<@NotNull Role> roles,
      @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String agentId,
      @Size(max = 200) String displayName,
      Boolean enabled) {

    @Override
    public String toString() {
      return "NewUser[username=" + username + ", roles=" + roles + ", agentId=" + agentId + "]";
    }
  }

  /** A change to a login; what is left out (or null) stays as it is. */
  public record UserChanges(
      @Size(min = 1, message = "must not be empty") Set<@NotNull Role> roles,
      @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String agentId,
      @Size(max = 200) String displayName,
      Boolean enabled) {}

  public record NewPassword(@NotNull @Size(min = MIN_PASSWORD, max = 200, message = PASSWORD_MESSAGE) String password) {

    @Override
    public String toString() {
      return "NewPassword[(hidden)]";
    }
  }

  /** A new tenant with its first admin login. */
  public record NewTenant(
      @NotNull @Pattern(regexp = Ids.TENANT, message = Ids.TENANT_MESSAGE) String tenant,
      @NotNull @Valid TenantAdmin admin) {}

  public record TenantAdmin(
      @NotNull @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String username,
      @NotNull @Size(min = MIN_PASSWORD, max = 200, message = PASSWORD_MESSAGE) String password,
      @Size(max = 200) String displayName) {

    @Override
    public String toString() {
      return "TenantAdmin[username=" + username + "]";
    }
  }

  /** A login as the admin API shows it: never its password hash. */
  public record UserView(UUID id, String tenant, String username, List<String> roles, String agentId,
      String displayName, boolean enabled, Instant createdAt, Instant updatedAt) {

    static UserView of(UserAccount user) {
      return new UserView(user.id(), user.tenant(), user.username(), user.roleClaims(), user.agentId(),
          user.displayName(), user.enabled(), user.createdAt(), user.updatedAt());
    }
  }

  public record TenantView(String tenant, UserView admin) {}
}
