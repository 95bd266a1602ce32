package io.switchboard.callstate.projection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Helpers for writing a whole batch of rows with one statement: the rows travel as one array per
 * column and the statement reads them from {@code unnest($1::type[], ...)}. (An R2DBC batch of
 * single-row statements is one execution and one result per row: several times slower.)
 */
final class Statements {

  private Statements() {}

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
}
