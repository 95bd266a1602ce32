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

  /** {@code column} in {@code [from, to)}; a null end is no bound. */
  SqlQuery range(String column, Object from, Object to) {
    if (from != null) {
      append(" AND " + column + " >= " + bind(from));
    }
    return to == null ? this : append(" AND " + column + " < " + bind(to));
  }

  /** {@code AND column = ANY(values)}, unless there are none (no filter). */
  SqlQuery anyOf(String column, List<? extends Enum<?>> values) {
    return values.isEmpty() ? this
        : append(" AND " + column + " = ANY(" + bind(values.stream().map(Enum::name).toArray(String[]::new)) + ")");
  }

  /** The rows strictly before a keyset position (a page newest first resumes there): {@code AND (at, id) < (..)}. */
  SqlQuery before(String atColumn, String idColumn, Object at, Object id) {
    return append(" AND (" + atColumn + ", " + idColumn + ") < (" + bind(at) + ", " + bind(id) + ")");
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
