package io.switchboard.media.rtp;

/** The two legs of a relay session; what arrives on one goes out of the other. */
public enum Side {
  A, B;

  Side other() {
    return this == A ? B : A;
  }

  /** The metric tag of packets arriving on this side: {@code a-to-b} or {@code b-to-a}. */
  String direction() {
    return this == A ? "a-to-b" : "b-to-a";
  }
}
