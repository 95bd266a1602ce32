package io.switchboard.benchmarks.websocket;

import java.io.IOException;
import java.net.URI;

/** A WebSocket server under test, in a JVM of its own: where clients connect, how it pushes, its memory. */
interface PushTarget extends AutoCloseable {

  /** Its name in the tables. */
  String name();

  /** The agents' WebSocket. */
  URI uri();

  /**
   * Pushes {@code perSecond} frames for {@code seconds}, each to a random connected agent, stamped
   * with {@code phase}; returns when the last was sent.
   */
  FixedRate.Sent push(char phase, int perSecond, int seconds) throws IOException, InterruptedException;

  /** Its memory now, right after full collections. */
  ServerMemory memory() throws IOException, InterruptedException;

  /** What the server was started with, and where its log is. */
  String describe();

  @Override
  void close();
}
