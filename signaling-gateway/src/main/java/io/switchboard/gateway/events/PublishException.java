package io.switchboard.gateway.events;

/** Kafka did not acknowledge an event, so the request that caused it did not take effect. */
public final class PublishException extends RuntimeException {

  public PublishException(String topic, Throwable cause) {
    super("Kafka did not acknowledge the event on " + topic + ": " + cause.getMessage(), cause);
  }
}
