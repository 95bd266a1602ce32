package io.switchboard.routing.queue;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * In-memory indexes over the routing stores of one stream task: agents by queue in the orders the
 * strategies read, waiting calls by queue with their ranks, and open reservations by expiry. It is a state store only so that the
 * task's three processors share one instance; it has no changelog of its own. It starts empty with
 * every (re)initialisation of the task, and {@link RoutingStores} rebuilds it from the changelogged
 * stores on first use, once they are restored, then keeps it in step with every write.
 */
final class RoutingIndex implements StateStore {

  static final String NAME = "routing-index";

  private final Map<String, TenantIndex> tenants = new HashMap<>();
  /** Open reservations of every tenant of the task, by expiry: key {@link StoreKeys#reservation}, reservation id. */
  private final TreeMap<String, String> reservations = new TreeMap<>(StoreKeys.BYTE_ORDER);
  private boolean built;
  private boolean open;

  TenantIndex tenant(String tenant) {
    return tenants.computeIfAbsent(tenant, t -> new TenantIndex());
  }

  TreeMap<String, String> reservations() {
    return reservations;
  }

  boolean built() {
    return built;
  }

  void markBuilt() {
    built = true;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    tenants.clear();
    reservations.clear();
    built = false;
    open = true;
    // Nothing to restore: the index is rebuilt from the other stores.
    context.register(root, (key, value) -> { });
  }

  @Override
  public void flush() {
    // Nothing is kept outside memory.
  }

  @Override
  public void close() {
    tenants.clear();
    reservations.clear();
    built = false;
    open = false;
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  /** Builds a fresh, empty index per task; it never logs. */
  static StoreBuilder<RoutingIndex> builder() {
    return new StoreBuilder<>() {
      @Override
      public StoreBuilder<RoutingIndex> withCachingEnabled() {
        return this;
      }

      @Override
      public StoreBuilder<RoutingIndex> withCachingDisabled() {
        return this;
      }

      @Override
      public StoreBuilder<RoutingIndex> withLoggingEnabled(Map<String, String> config) {
        throw new UnsupportedOperationException("the routing index is rebuilt from the routing stores, not logged");
      }

      @Override
      public StoreBuilder<RoutingIndex> withLoggingDisabled() {
        return this;
      }

      @Override
      public RoutingIndex build() {
        return new RoutingIndex();
      }

      @Override
      public Map<String, String> logConfig() {
        return Map.of();
      }

      @Override
      public boolean loggingEnabled() {
        return false;
      }

      @Override
      public String name() {
        return NAME;
      }
    };
  }
}
