package io.switchboard.gateway.security;

import java.util.Optional;
import java.util.Set;

/**
 * The tenants' active widget keys as the security layer needs them: to accept the customer tokens
 * of a key only while it is active, and to admit its origins to CORS. Kept by the widget package.
 */
public interface CustomerKeys {

  /** No key at all: customer tokens are refused, and no origin is admitted beyond the configured ones. */
  CustomerKeys NONE = new CustomerKeys() {
    @Override
    public Optional<CustomerKey> active(String tenant, String keyId) {
      return Optional.empty();
    }

    @Override
    public Set<String> allOrigins() {
      return Set.of();
    }
  };

  /** The key {@code keyId} of {@code tenant} if it exists and is not revoked. */
  Optional<CustomerKey> active(String tenant, String keyId);

  /** The allowed origins of every active key: a preflight carries no key or token to narrow them down. */
  Set<String> allOrigins();

  /**
   * An active widget key.
   *
   * @param tenant its tenant
   * @param id its public id ({@code wk_…})
   * @param allowedOrigins the origins whose pages may use it, normalised as {@link Origins#normalise} does
   * @param queue the queue its customers' calls go to, or null
   */
  record CustomerKey(String tenant, String id, Set<String> allowedOrigins, String queue) {

    public CustomerKey {
      allowedOrigins = Set.copyOf(allowedOrigins);
    }
  }
}
