package io.switchboard.callstate.projection;

import java.util.List;
import java.util.function.Function;

/**
 * A column of rows as a PostgreSQL array literal ({@code {"a","b",NULL}}), built while a batch is
 * prepared and bound as one text parameter that the statement casts ({@code $1::text::uuid[]}):
 * PostgreSQL parses it as it would the driver's own text encoding of an array, but that encoding
 * ran inside the transaction, on the database client's threads. Every element is quoted, with
 * backslashes and double quotes escaped; null is {@code NULL}.
 */
final class TextArray {

  private TextArray() {}

  /**
   * {@code value} of each row, as text ({@link Object#toString}: instants as ISO-8601, which
   * {@code timestamptz} reads); null stays null.
   */
  static <R> String of(List<R> rows, Function<R, ?> value) {
    StringBuilder literal = new StringBuilder(rows.size() * 24 + 2).append('{');
    for (int i = 0; i < rows.size(); i++) {
      if (i > 0) {
        literal.append(',');
      }
      Object element = value.apply(rows.get(i));
      if (element == null) {
        literal.append("NULL");
      } else {
        quote(literal, element.toString());
      }
    }
    return literal.append('}').toString();
  }

  private static void quote(StringBuilder literal, String text) {
    literal.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        literal.append('\\');
      }
      literal.append(c);
    }
    literal.append('"');
  }
}
