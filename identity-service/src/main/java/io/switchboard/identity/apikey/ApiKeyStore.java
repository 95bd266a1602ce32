package io.switchboard.identity.apikey;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * API keys in PostgreSQL. Every read and write but {@link #find} and {@link #markUsed} (the token
 * endpoint's, which knows no tenant) is scoped by tenant: another tenant's key is not found.
 */
@Repository
public class ApiKeyStore {

  private static final String COLUMNS = "client_id, tenant, name, secret_hash, roles, created_at, created_by,"
      + " created_by_username, expires_at, last_used_at";

  private final JdbcTemplate jdbc;

  ApiKeyStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The key with this client id, in any tenant. */
  Optional<ApiKey> find(String clientId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM api_keys WHERE client_id = ?", ROWS, clientId).stream().findFirst();
  }

  List<ApiKey> list(String tenant) {
    return jdbc.query("SELECT " + COLUMNS + " FROM api_keys WHERE tenant = ? ORDER BY created_at, client_id", ROWS,
        tenant);
  }

  /**
   * How many keys the tenant holds, counted under a lock on the tenant's row: the caller's transaction
   * is then the only one adding a key to that tenant until it ends, so a limit checked on it holds.
   */
  int countLocked(String tenant) {
    jdbc.query("SELECT id FROM tenants WHERE id = ? FOR UPDATE", (row, number) -> row.getString(1), tenant);
    Integer count = jdbc.queryForObject("SELECT count(*) FROM api_keys WHERE tenant = ?", Integer.class, tenant);
    return count == null ? 0 : count;
  }

  void insert(ApiKey key) {
    jdbc.update("INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
      statement.setString(1, key.clientId());
      statement.setString(2, key.tenant());
      statement.setString(3, key.name());
      statement.setString(4, key.secretHash());
      statement.setArray(5, statement.getConnection().createArrayOf("text", key.roles().toArray()));
      statement.setTimestamp(6, Timestamp.from(key.createdAt()));
      statement.setString(7, key.createdBy());
      statement.setString(8, key.createdByUsername());
      statement.setTimestamp(9, key.expiresAt() == null ? null : Timestamp.from(key.expiresAt()));
      statement.setTimestamp(10, null);
    });
  }

  /**
   * Deletes the tenant's key and the authorizations stored for it (its tokens no longer introspect as
   * active); says whether there was such a key.
   */
  boolean delete(String tenant, String clientId) {
    if (jdbc.update("DELETE FROM api_keys WHERE tenant = ? AND client_id = ?", tenant, clientId) == 0) {
      return false;
    }
    jdbc.update("DELETE FROM oauth2_authorization WHERE registered_client_id = ?", clientId);
    return true;
  }

  /** Replaces the hash of a key's secret with one of the same secret (an encoder's upgrade). */
  void updateSecretHash(String clientId, String secretHash) {
    jdbc.update("UPDATE api_keys SET secret_hash = ? WHERE client_id = ?", secretHash, clientId);
  }

  /** Records a use at {@code now}, unless one was recorded in the minute before it: one write a minute at most. */
  void markUsed(String clientId, Instant now) {
    jdbc.update("UPDATE api_keys SET last_used_at = ? WHERE client_id = ?"
            + " AND (last_used_at IS NULL OR last_used_at < ?)",
        Timestamp.from(now), clientId, Timestamp.from(now.minusSeconds(60)));
  }

  private static final RowMapper<ApiKey> ROWS = (ResultSet row, int number) -> new ApiKey(
      row.getString("client_id"),
      row.getString("tenant"),
      row.getString("name"),
      row.getString("secret_hash"),
      Arrays.asList((String[]) row.getArray("roles").getArray()),
      row.getTimestamp("created_at").toInstant(),
      row.getString("created_by"),
      row.getString("created_by_username"),
      instant(row.getTimestamp("expires_at")),
      instant(row.getTimestamp("last_used_at")));

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
