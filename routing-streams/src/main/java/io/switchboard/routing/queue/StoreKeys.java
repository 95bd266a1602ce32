package io.switchboard.routing.queue;

import io.switchboard.routing.store.Padding;
import java.util.Comparator;

/**
 * Keys of the routing stores. Parts are joined by NUL, which sorts before every other character, so
 * a prefix scan of {@code tenant} or {@code tenant, queue} never picks up a longer tenant or queue
 * name, and numbers are zero-padded so that byte order is numeric order.
 */
final class StoreKeys {

  static final char SEPARATOR = '\u0000';

  /**
   * The stores' order of keys (their UTF-8 bytes, unsigned), which is code point order; String's own
   * compareTo differs from it for characters beyond the Basic Multilingual Plane.
   */
  static final Comparator<String> BYTE_ORDER = (a, b) -> {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  };

  private StoreKeys() {}

  /** Agents and calls: {@code tenant, id}. */
  static String of(String tenant, String id) {
    return tenant + SEPARATOR + id;
  }

  static String tenantPrefix(String tenant) {
    return tenant + SEPARATOR;
  }

  static String queuePrefix(String tenant, String queue) {
    return tenant + SEPARATOR + queue + SEPARATOR;
  }

  /** Per-queue selection state (round-robin cursor, random draws). */
  static String cursor(String tenant, String queue, String kind) {
    return queuePrefix(tenant, queue) + kind;
  }

  /** Timers: by due time first, like reservations; {@code kind} is "call" or "agent". */
  static String timer(long dueAt, String tenant, String kind, String id) {
    return Padding.decimal19(dueAt) + SEPARATOR + tenant + SEPARATOR + kind + SEPARATOR + id;
  }

  /** {@code [tenant, kind, id]} of a timer key. */
  static String[] timerSubject(String key) {
    String[] parts = key.split(String.valueOf(SEPARATOR), 4);
    return new String[] {parts[1], parts[2], parts[3]};
  }

  /** Reservations: by expiry first, so the expired ones are a scan from the start. */
  static String reservation(long expiresAt, String tenant, String callId) {
    return Padding.decimal19(expiresAt) + SEPARATOR + tenant + SEPARATOR + callId;
  }

  /** The due time of a reservation or timer key. */
  static long reservationExpiry(String key) {
    return Long.parseLong(key.substring(0, key.indexOf(SEPARATOR)));
  }

  /** {@code [tenant, callId]} of a reservation key. */
  static String[] reservationSubject(String key) {
    String[] parts = key.split(String.valueOf(SEPARATOR), 3);
    return new String[] {parts[1], parts[2]};
  }
}
