package io.switchboard.testsupport;

/** What tests read of a failure, such as a context that did not start. */
public final class Failures {

  private Failures() {}

  /** Every message of {@code failure}'s cause chain, one a line: a start-up failure's reason is often deep in it. */
  public static String messages(Throwable failure) {
    StringBuilder messages = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      messages.append(cause.getMessage()).append('\n');
    }
    return messages.toString();
  }
}
