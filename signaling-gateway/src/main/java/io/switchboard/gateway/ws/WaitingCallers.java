package io.switchboard.gateway.ws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The waiting calls of customers with a session here, by queue, with the place and the estimate
 * each was last told: so that a queue's new statistics can refresh its callers' estimates. A call
 * leaves when an agent takes it or it ends; the oldest are forgotten first beyond {@code remembered}.
 * Thread-safe.
 */
final class WaitingCallers {

  /** A waiting call and what its customer was last told. */
  record Waiting(String tenantId, String callId, String customer, String queue, int position, boolean callback,
      Integer estimate) {

    Waiting told(Integer next) {
      return new Waiting(tenantId, callId, customer, queue, position, callback, next);
    }
  }

  private record QueueKey(String tenantId, String queue) {}

  private record CallKey(String tenantId, String callId) {}

  private final int remembered;
  private final Map<CallKey, Waiting> calls;
  private final Map<QueueKey, Map<String, Waiting>> byQueue = new HashMap<>();

  WaitingCallers(int remembered) {
    this.remembered = remembered;
    this.calls = new LinkedHashMap<>(256, 0.75f, false);
  }

  /** The call waits in {@code waiting.queue()} at its place, replacing where it waited before. */
  synchronized void put(Waiting waiting) {
    remove(waiting.tenantId(), waiting.callId());
    calls.put(new CallKey(waiting.tenantId(), waiting.callId()), waiting);
    byQueue.computeIfAbsent(new QueueKey(waiting.tenantId(), waiting.queue()), key -> new LinkedHashMap<>())
        .put(waiting.callId(), waiting);
    if (calls.size() > remembered) {
      Waiting eldest = calls.values().iterator().next();
      remove(eldest.tenantId(), eldest.callId());
    }
  }

  synchronized Optional<Waiting> remove(String tenantId, String callId) {
    Waiting gone = calls.remove(new CallKey(tenantId, callId));
    if (gone != null) {
      QueueKey queue = new QueueKey(tenantId, gone.queue());
      Map<String, Waiting> waiting = byQueue.get(queue);
      waiting.remove(callId);
      if (waiting.isEmpty()) {
        byQueue.remove(queue);
      }
    }
    return Optional.ofNullable(gone);
  }

  /** The calls waiting in the queue, oldest entry first. */
  synchronized List<Waiting> inQueue(String tenantId, String queue) {
    Map<String, Waiting> waiting = byQueue.get(new QueueKey(tenantId, queue));
    return waiting == null ? List.of() : new ArrayList<>(waiting.values());
  }

  /** Records what the customer was told, if the call still waits there at that place. */
  synchronized void told(Waiting waiting, Integer estimate) {
    CallKey key = new CallKey(waiting.tenantId(), waiting.callId());
    if (waiting.equals(calls.get(key))) {
      Waiting next = waiting.told(estimate);
      calls.put(key, next);
      byQueue.get(new QueueKey(waiting.tenantId(), waiting.queue())).put(waiting.callId(), next);
    }
  }

  synchronized int size() {
    return calls.size();
  }
}
