package io.switchboard.gateway.ws;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * The WebSocket sessions this instance holds, by agent or customer. One per application context. On shutdown
 * it closes them all first, so that open sockets do not hold up the web server's graceful stop.
 */
final class SessionRegistry implements SmartLifecycle {

  private final ConcurrentMap<SessionKey, Set<AgentSession>> sessions = new ConcurrentHashMap<>();
  private volatile boolean running;

  void add(AgentSession session) {
    sessions.compute(session.key(), (key, current) -> {
      Set<AgentSession> set = current == null ? ConcurrentHashMap.newKeySet() : current;
      set.add(session);
      return set;
    });
    if (!running) {
      // Connected while the gateway stops: turn it away rather than keep it past shutdown.
      session.close(CloseStatus.GOING_AWAY);
    }
  }

  void remove(AgentSession session) {
    sessions.computeIfPresent(session.key(), (key, current) -> {
      current.remove(session);
      return current.isEmpty() ? null : current;
    });
  }

  /** Sends a frame to every session of the agent here; returns how many got it. */
  int sendTo(AgentKey agent, String frame) {
    return sendTo(SessionKey.of(agent), frame);
  }

  /** Sends a frame to every session of the agent or customer here; returns how many got it. */
  int sendTo(SessionKey key, String frame) {
    Set<AgentSession> targets = sessions.get(key);
    if (targets == null) {
      return 0;
    }
    int sent = 0;
    for (AgentSession session : List.copyOf(targets)) {
      if (session.send(frame)) {
        sent++;
      }
    }
    return sent;
  }

  boolean isConnected(AgentKey agent) {
    return isConnected(SessionKey.of(agent));
  }

  /** How many sessions of the key this instance holds. */
  int count(SessionKey key) {
    Set<AgentSession> set = sessions.get(key);
    return set == null ? 0 : set.size();
  }

  boolean isConnected(SessionKey key) {
    return sessions.containsKey(key);
  }

  /** Every session held here now; weakly consistent with sessions that open or close meanwhile. */
  void forEach(Consumer<AgentSession> action) {
    sessions.values().forEach(set -> set.forEach(action));
  }

  int size() {
    return sessions.values().stream().mapToInt(Set::size).sum();
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    // 1001: clients may reconnect to another instance right away.
    sessions.values().forEach(set -> set.forEach(session -> session.close(CloseStatus.GOING_AWAY)));
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
