package io.switchboard.identity.user;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenants and users in PostgreSQL. Every read and write of a user but {@link #findByUsername} is
 * scoped by tenant: a user of another tenant is simply not found.
 */
@Repository
public class UserStore {

  private static final String COLUMNS =
      "id, tenant, username, password_hash, roles, agent_id, display_name, enabled, created_at, updated_at";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public UserStore(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The login with this username in any tenant (usernames are unique across the issuer). */
  public Optional<UserAccount> findByUsername(String username) {
    return jdbc.query("SELECT " + COLUMNS + " FROM users WHERE lower(username) = lower(?)", ROWS, username)
        .stream().findFirst();
  }

  public Optional<UserAccount> find(String tenant, String username) {
    return jdbc.query("SELECT " + COLUMNS + " FROM users WHERE tenant = ? AND lower(username) = lower(?)",
        ROWS, tenant, username).stream().findFirst();
  }

  public List<UserAccount> list(String tenant) {
    return jdbc.query("SELECT " + COLUMNS + " FROM users WHERE tenant = ? ORDER BY lower(username)", ROWS, tenant);
  }

  public boolean anyUser() {
    return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM users)", Boolean.class));
  }

  public boolean tenantExists(String tenant) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM tenants WHERE id = ?)", Boolean.class, tenant));
  }

  public List<String> tenants() {
    return jdbc.queryForList("SELECT id FROM tenants ORDER BY id", String.class);
  }

  /** Adds the tenant if it is new; says whether it was. */
  public boolean createTenant(String tenant) {
    return jdbc.update("INSERT INTO tenants (id, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
        tenant, Timestamp.from(clock.instant())) == 1;
  }

  /**
   * Inserts a new login.
   *
   * @throws org.springframework.dao.DuplicateKeyException when the username, or the agent id in the
   *     tenant, is taken
   */
  public UserAccount create(String tenant, String username, String passwordHash, Set<Role> roles, String agentId,
      String displayName, boolean enabled) {
    Instant now = clock.instant();
    UserAccount user = new UserAccount(UUID.randomUUID(), tenant, username, passwordHash, roles, agentId,
        displayName, enabled, now, now);
    jdbc.update("INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        statement -> {
          statement.setObject(1, user.id());
          statement.setString(2, tenant);
          statement.setString(3, username);
          statement.setString(4, passwordHash);
          statement.setArray(5, statement.getConnection().createArrayOf("text", user.roleClaims().toArray()));
          statement.setString(6, agentId);
          statement.setString(7, displayName);
          statement.setBoolean(8, enabled);
          statement.setTimestamp(9, Timestamp.from(now));
          statement.setTimestamp(10, Timestamp.from(now));
        });
    return user;
  }

  /** Writes the changeable fields of {@code user} (roles, agent id, display name, enabled, password hash). */
  public UserAccount update(UserAccount user) {
    Instant now = clock.instant();
    jdbc.update("UPDATE users SET password_hash = ?, roles = ?, agent_id = ?, display_name = ?, enabled = ?,"
            + " updated_at = ? WHERE id = ? AND tenant = ?",
        statement -> {
          statement.setString(1, user.passwordHash());
          statement.setArray(2, statement.getConnection().createArrayOf("text", user.roleClaims().toArray()));
          statement.setString(3, user.agentId());
          statement.setString(4, user.displayName());
          statement.setBoolean(5, user.enabled());
          statement.setTimestamp(6, Timestamp.from(now));
          statement.setObject(7, user.id());
          statement.setString(8, user.tenant());
        });
    return new UserAccount(user.id(), user.tenant(), user.username(), user.passwordHash(), user.roles(),
        user.agentId(), user.displayName(), user.enabled(), user.createdAt(), now);
  }

  public boolean delete(String tenant, String username) {
    return jdbc.update("DELETE FROM users WHERE tenant = ? AND lower(username) = lower(?)", tenant, username) == 1;
  }

  /** Runs {@code work} while no other transaction can add a user: first start, by two instances at once. */
  @Transactional
  public <T> T exclusively(java.util.function.Supplier<T> work) {
    jdbc.execute("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE");
    return work.get();
  }

  private static final RowMapper<UserAccount> ROWS = (ResultSet row, int number) -> new UserAccount(
      row.getObject("id", UUID.class),
      row.getString("tenant"),
      row.getString("username"),
      row.getString("password_hash"),
      roles(row.getArray("roles")),
      row.getString("agent_id"),
      row.getString("display_name"),
      row.getBoolean("enabled"),
      row.getTimestamp("created_at").toInstant(),
      row.getTimestamp("updated_at").toInstant());

  private static Set<Role> roles(Array array) throws SQLException {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    Arrays.stream((String[]) array.getArray()).map(Role::of).forEach(roles::add);
    return roles;
  }
}
