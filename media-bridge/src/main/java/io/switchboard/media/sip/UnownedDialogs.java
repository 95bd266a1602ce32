package io.switchboard.media.sip;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The I/O-free core of the audit: which of the stack's dialogs no call has owned for longer than a
 * bound. A dialog is timed from the first audit that finds it unowned, as JAIN-SIP keeps no creation
 * time; one that is owned again, or gone from the stack, is forgotten.
 *
 * @param <D> the dialog type (JAIN-SIP's {@code Dialog} at run time)
 */
final class UnownedDialogs<D> {

  private final Function<D, String> callId;
  private final Duration maxAge;
  /** By identity: a dialog's id (and so its equality) changes when it leaves the early state. */
  private final Map<D, Instant> unownedSince = new IdentityHashMap<>();

  UnownedDialogs(Function<D, String> callId, Duration maxAge) {
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("The age of an unowned dialog must be positive, not " + maxAge);
    }
    this.callId = callId;
    this.maxAge = maxAge;
  }

  /**
   * One audit: {@code live} are the stack's dialogs now, {@code owned} the SIP Call-IDs of the calls
   * the bridge holds. Returns the dialogs unowned for {@code maxAge} or more, which are forgotten (the
   * caller terminates them).
   */
  synchronized List<D> leaked(Collection<D> live, Set<String> owned, Instant now) {
    Map<D, Instant> still = new IdentityHashMap<>();
    List<D> leaked = new ArrayList<>();
    for (D dialog : live) {
      String id = callId.apply(dialog);
      if (id != null && owned.contains(id)) {
        continue;
      }
      Instant since = unownedSince.getOrDefault(dialog, now);
      if (Duration.between(since, now).compareTo(maxAge) >= 0) {
        leaked.add(dialog);
      } else {
        still.put(dialog, since);
      }
    }
    unownedSince.clear();
    unownedSince.putAll(still);
    return leaked;
  }

  /** Dialogs unowned now and not yet old enough to be ended. */
  synchronized int suspects() {
    return unownedSince.size();
  }
}
