package io.switchboard.media.sdp;

import java.util.Locale;
import java.util.Optional;

/** A media stream's direction attribute (RFC 3264 §5.1, §6.1). */
public enum Direction {
  SENDRECV, SENDONLY, RECVONLY, INACTIVE;

  /** The attribute's name: {@code sendrecv}, {@code sendonly}, {@code recvonly}, {@code inactive}. */
  public String attribute() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The direction an answer gives to an offer of this one: sendonly ↔ recvonly, the others as they are. */
  public Direction answer() {
    return switch (this) {
      case SENDONLY -> RECVONLY;
      case RECVONLY -> SENDONLY;
      default -> this;
    };
  }

  /** Whether an offer in this direction puts the answerer on hold: it is sent nothing (sendonly, inactive). */
  public boolean holds() {
    return this == SENDONLY || this == INACTIVE;
  }

  static Optional<Direction> ofAttribute(String name) {
    for (Direction direction : values()) {
      if (direction.attribute().equals(name)) {
        return Optional.of(direction);
      }
    }
    return Optional.empty();
  }
}
