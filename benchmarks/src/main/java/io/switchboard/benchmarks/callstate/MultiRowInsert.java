package io.switchboard.benchmarks.callstate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * One table's plain multi-row {@code INSERT ... VALUES (...), (...), ...}: one statement, one round
 * trip, per {@code CHUNK} rows. No {@code ON CONFLICT}, no {@code RETURNING}.
 */
final class MultiRowInsert {

  private static final int CHUNK = 1_000;

  private final String head;
  private final String tuple;
  private final int columns;

  /** {@code placeholders} is one row's tuple, e.g. {@code (?, ?::jsonb, ?)}, with casts where needed. */
  MultiRowInsert(String table, String columnList, String placeholders) {
    this.head = "INSERT INTO " + table + " (" + columnList + ") VALUES ";
    this.tuple = placeholders;
    this.columns = (int) placeholders.chars().filter(c -> c == '?').count();
  }

  void insert(Connection connection, List<Object[]> rows) throws SQLException {
    for (int from = 0; from < rows.size(); from += CHUNK) {
      List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
      StringBuilder sql = new StringBuilder(head.length() + chunk.size() * (tuple.length() + 2)).append(head);
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(tuple);
      }
      try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
        int index = 1;
        for (Object[] row : chunk) {
          if (row.length != columns) {
            throw new IllegalArgumentException(row.length + " values for " + columns + " columns: " + head);
          }
          for (Object value : row) {
            statement.setObject(index++, value);
          }
        }
        statement.executeUpdate();
      }
    }
  }
}
