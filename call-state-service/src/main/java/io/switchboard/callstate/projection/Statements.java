package io.switchboard.callstate.projection;

import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.reactivestreams.Publisher;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

/**
 * Runs one SQL statement with many sets of parameters as a single R2DBC batch statement, on the
 * connection of the surrounding transaction, instead of one round trip per row.
 */
final class Statements {

  /** A typed null parameter: R2DBC needs the type to bind a null. */
  record Null(Class<?> type) {}

  private Statements() {}

  /** {@code value}, or a typed null when it is null. */
  static Object orNull(Object value, Class<?> type) {
    return value == null ? new Null(type) : value;
  }

  /** Runs {@code sql} once per parameter row and maps each result; nothing runs for no rows. */
  static <T> Flux<T> run(DatabaseClient db, String sql, List<Object[]> rows,
      Function<Result, Publisher<T>> results) {
    if (rows.isEmpty()) {
      return Flux.empty();
    }
    return db.inConnectionMany(connection -> {
      Statement statement = connection.createStatement(sql);
      for (int row = 0; row < rows.size(); row++) {
        if (row > 0) {
          statement.add();
        }
        Object[] values = rows.get(row);
        for (int index = 0; index < values.length; index++) {
          if (values[index] instanceof Null typed) {
            statement.bindNull(index, typed.type());
          } else {
            statement.bind(index, values[index]);
          }
        }
      }
      return Flux.from(statement.execute()).concatMap(results);
    });
  }

  /**
   * One column of {@code rows} as an array, to bind as one parameter of a statement that reads its
   * rows from {@code unnest($1::type[], ...)}: one execution for a whole batch.
   */
  static <R, T> T[] column(List<R> rows, Function<R, T> value, IntFunction<T[]> array) {
    T[] column = array.apply(rows.size());
    for (int i = 0; i < column.length; i++) {
      column[i] = value.apply(rows.get(i));
    }
    return column;
  }

  /** An instant as a {@code timestamptz} array element; null stays null. */
  static OffsetDateTime at(Instant value) {
    return value == null ? null : value.atOffset(ZoneOffset.UTC);
  }

  /** Runs {@code sql} once per parameter row, ignoring the results. */
  static Flux<Long> update(DatabaseClient db, String sql, List<Object[]> rows) {
    return run(db, sql, rows, Result::getRowsUpdated);
  }
}
