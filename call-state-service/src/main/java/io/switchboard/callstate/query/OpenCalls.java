package io.switchboard.callstate.query;

import io.switchboard.schemas.call.CallState;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The condition that a row of {@code calls} is an open call, exactly as the partial indexes of open
 * calls state it ({@code V9__write_path.sql}): a query that repeats it word for word can use them. An
 * ended call leaves those indexes, so the history does not weigh on the lookups of open calls, and
 * writing a call's last version does not update them.
 */
public final class OpenCalls {

  /** {@code state NOT IN (…the terminal states…)}, in the order of {@link CallState}. */
  public static final String PREDICATE = "state NOT IN (" + Arrays.stream(CallState.values())
      .filter(CallState::isTerminal)
      .map(state -> "'" + state.name() + "'")
      .collect(Collectors.joining(", ")) + ")";

  private OpenCalls() {}
}
