package io.switchboard.media.sip.registrar;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts consecutive failed digest answers (wrong password, unknown user) per username, realm and
 * source address, and logs a warning when a run reaches the threshold and at each further multiple
 * of it. A success clears the run. At most {@code capacity} runs are kept, the least recent going first.
 */
final class FailedAttempts {

  private static final Logger log = LoggerFactory.getLogger(FailedAttempts.class);

  private final int threshold;
  private final Map<String, Integer> runs;

  FailedAttempts(int threshold, int capacity) {
    this.threshold = threshold;
    this.runs =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Records one failure; returns the length of the run it extends. */
  synchronized int failed(String realm, String username, String source, String reason) {
    int run = runs.merge(key(realm, username, source), 1, Integer::sum);
    if (run % threshold == 0) {
      log.warn(
          "{} failed digest answers in a row for user {} of {} from {} (last: {})",
          run, username, realm, source, reason);
    }
    return run;
  }

  synchronized void succeeded(String realm, String username, String source) {
    runs.remove(key(realm, username, source));
  }

  synchronized int run(String realm, String username, String source) {
    return runs.getOrDefault(key(realm, username, source), 0);
  }

  private static String key(String realm, String username, String source) {
    return realm + "\n" + username + "\n" + source;
  }
}
