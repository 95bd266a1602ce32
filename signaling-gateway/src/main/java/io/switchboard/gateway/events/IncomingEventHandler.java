package io.switchboard.gateway.events;

import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.SignalingMessage;

/** Receives the decoded events this gateway instance reads, on the consumer's thread. */
public interface IncomingEventHandler {

  default void onRoutingDecision(RoutingDecision decision) {}

  default void onCallEvent(CallEvent event) {}

  default void onSignaling(SignalingMessage message) {}
}
