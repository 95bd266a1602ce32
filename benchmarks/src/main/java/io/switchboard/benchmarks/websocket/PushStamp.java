package io.switchboard.benchmarks.websocket;

/**
 * What a pushed frame carries to be measured: its phase, its sequence number and the moment it was
 * handed to the transport ({@link System#nanoTime()}), written as the call id
 * {@code <phase>-<seq>-<nanos>}. The same id travels through Kafka and the gateway's
 * {@code call:incoming} frame, or straight through the plain server's frame.
 *
 * <p>The plain server stamps in its own JVM and the client reads the clock in another: on Linux,
 * HotSpot's {@code nanoTime} is {@code CLOCK_MONOTONIC}, one clock for every process of the machine
 * (the benchmark checks the two agree at start-up).
 */
record PushStamp(char phase, long seq, long nanos) {

  /** The call id that carries this stamp. */
  String callId() {
    return phase + "-" + seq + "-" + nanos;
  }

  /**
   * The stamp in a frame's text: the first {@code "callId":"…"} that parses as one, or null (a frame
   * of another kind). No JSON parser: the client shares the machine's cores with the servers.
   */
  static PushStamp find(CharSequence frame) {
    String text = frame.toString();
    int at = text.indexOf("\"callId\":\"");
    if (at < 0) {
      return null;
    }
    int start = at + 10;
    int end = text.indexOf('"', start);
    return end < 0 ? null : parse(text.substring(start, end));
  }

  /** The stamp a call id carries, or null when it is not one. */
  static PushStamp parse(String callId) {
    int first = callId.indexOf('-');
    int second = first < 0 ? -1 : callId.indexOf('-', first + 1);
    if (first != 1 || second < 0) {
      return null;
    }
    try {
      return new PushStamp(callId.charAt(0), Long.parseLong(callId.substring(2, second)),
          Long.parseLong(callId.substring(second + 1)));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
