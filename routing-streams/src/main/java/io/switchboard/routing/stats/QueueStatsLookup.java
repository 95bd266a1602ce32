package io.switchboard.routing.stats;

import java.util.Objects;

/** Finds the live statistics of a tenant's queue. */
@FunctionalInterface
interface QueueStatsLookup {

  Result find(String tenant, String queue);

  /** What a lookup found; {@code kind} decides which other field is set. */
  record Result(Kind kind, QueueSnapshot snapshot, String owner, String message) {

    enum Kind { FOUND, UNKNOWN_QUEUE, OTHER_INSTANCE, UNAVAILABLE }

    static Result found(QueueSnapshot snapshot) {
      return new Result(Kind.FOUND, Objects.requireNonNull(snapshot), null, null);
    }

    static Result unknownQueue(String queue) {
      return new Result(Kind.UNKNOWN_QUEUE, null, null, "Unknown queue " + queue);
    }

    static Result otherInstance(String owner, String tenant) {
      return new Result(Kind.OTHER_INSTANCE, null, owner,
          "The statistics of tenant " + tenant + " are served by the routing instance at " + owner);
    }

    static Result unavailable(String message) {
      return new Result(Kind.UNAVAILABLE, null, null, message);
    }
  }
}
