package io.switchboard.simulator;

import io.switchboard.simulator.FinishedCall.Result;
import java.util.LinkedHashMap;
import java.util.Map;

/** A caller in the run: its open offers (reservation id to agent) until an agent answers. */
final class SimulatedCall {

  final CallArrival arrival;
  final Map<String, String> openOffers = new LinkedHashMap<>();
  long answeredMs = -1;
  String agentId;
  private Result result;

  SimulatedCall(CallArrival arrival) {
    this.arrival = arrival;
  }

  boolean answered() {
    return answeredMs >= 0;
  }

  boolean over() {
    return result != null;
  }

  FinishedCall finish(Result outcome, long atMs) {
    result = outcome;
    return new FinishedCall(arrival.callId(), arrival.queue(), arrival.atMs(), answeredMs, atMs, outcome);
  }
}
