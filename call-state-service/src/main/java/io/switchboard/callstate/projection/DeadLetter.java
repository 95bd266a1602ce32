package io.switchboard.callstate.projection;

/**
 * A record the projection cannot read, set aside in {@code dead_letters} with its batch.
 *
 * @param key the record key, null for none; text PostgreSQL can store (a NUL is replaced)
 * @param value the bytes as consumed, null for a tombstone
 * @param reason the short cause, also the tag of {@code switchboard.records.dropped}
 * @param error what went wrong, for a human
 */
record DeadLetter(String topic, int partition, long offset, String key, byte[] value, String reason,
    String error) {

  /** PostgreSQL text cannot hold a NUL character, and a dead letter must never fail its batch. */
  static String storable(String text) {
    return text == null ? null : text.replace('\u0000', '\uFFFD');
  }
}
