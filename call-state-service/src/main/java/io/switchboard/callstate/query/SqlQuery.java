package io.switchboard.callstate.query;

import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;

/** SQL text with numbered ($1, $2, ...) parameters, built up condition by condition. */
final class SqlQuery {

  private final StringBuilder sql;
  private final List<Object> values = new ArrayList<>();

  SqlQuery(String start) {
    sql = new StringBuilder(start);
  }

  /** Adds a value and returns its placeholder. */
  String bind(Object value) {
    values.add(value);
    return "$" + values.size();
  }

  SqlQuery append(String text) {
    sql.append(text);
    return this;
  }

  /** {@code AND column = value}, unless the value is null (no filter). */
  SqlQuery equal(String column, Object value) {
    return value == null ? this : append(" AND " + column + " = " + bind(value));
  }

  String sql() {
    return sql.toString();
  }

  List<Object> values() {
    return List.copyOf(values);
  }

  DatabaseClient.GenericExecuteSpec on(DatabaseClient db) {
    DatabaseClient.GenericExecuteSpec spec = db.sql(sql());
    for (int i = 0; i < values.size(); i++) {
      spec = spec.bind(i, values.get(i));
    }
    return spec;
  }
}
