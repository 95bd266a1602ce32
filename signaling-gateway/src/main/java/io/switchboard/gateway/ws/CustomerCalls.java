package io.switchboard.gateway.ws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whose call is whose: the customer of each call this instance saw created ({@code CallCreated}
 * carries it; routing decisions do not), so that a decision about a call reaches its customer's
 * sessions. Bounded: the oldest calls are forgotten first, and an ended call at once. Calls created
 * before this instance started are unknown to it. Thread-safe.
 */
final class CustomerCalls {

  static final int REMEMBERED = 100_000;

  private record CallKey(String tenantId, String callId) {}

  private final Map<CallKey, String> customers;

  CustomerCalls(int remembered) {
    customers = new LinkedHashMap<>(1024, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<CallKey, String> eldest) {
        return size() > remembered;
      }
    };
  }

  synchronized void created(String tenantId, String callId, String customerId) {
    customers.put(new CallKey(tenantId, callId), customerId);
  }

  synchronized Optional<String> customerOf(String tenantId, String callId) {
    return Optional.ofNullable(customers.get(new CallKey(tenantId, callId)));
  }

  /** The calls of a customer this instance knows, oldest first. */
  synchronized List<String> callsOf(String tenantId, String customerId) {
    return customers.entrySet().stream()
        .filter(entry -> entry.getKey().tenantId().equals(tenantId) && entry.getValue().equals(customerId))
        .map(entry -> entry.getKey().callId())
        .toList();
  }

  synchronized Optional<String> ended(String tenantId, String callId) {
    return Optional.ofNullable(customers.remove(new CallKey(tenantId, callId)));
  }
}
