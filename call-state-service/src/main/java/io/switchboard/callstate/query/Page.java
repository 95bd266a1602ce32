package io.switchboard.callstate.query;

import java.util.List;

/** One page of a list, newest first; {@code next} is the cursor of the following page, null on the last one. */
record Page<T>(List<T> items, String next) {

  /** A row read for a page, with its position. */
  record Row<T>(Cursor position, T item) {}

  /**
   * The page of {@code rows}, read with one row more than {@code limit} to know whether another page
   * follows: its cursor is the position of the page's last row.
   */
  static <T> Page<T> of(List<Row<T>> rows, int limit) {
    boolean more = rows.size() > limit;
    List<Row<T>> page = more ? rows.subList(0, limit) : rows;
    String next = more ? page.get(page.size() - 1).position().encode() : null;
    return new Page<>(page.stream().map(Row::item).toList(), next);
  }
}
