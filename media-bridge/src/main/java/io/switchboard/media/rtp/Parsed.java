package io.switchboard.media.rtp;

/** The outcome of parsing a packet: a value, or why there is none. Parsers never throw on bad bytes. */
record Parsed<T>(T value, DropReason reason) {

  static <T> Parsed<T> of(T value) {
    return new Parsed<>(value, null);
  }

  static <T> Parsed<T> dropped(DropReason reason) {
    return new Parsed<>(null, reason);
  }

  boolean ok() {
    return reason == null;
  }
}
