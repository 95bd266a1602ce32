package io.switchboard.routing.crash;

import io.switchboard.schemas.avro.AgentPaused;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.OfferRescinded;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.ReservationRejected;
import io.switchboard.schemas.avro.ReservationTimedOut;
import io.switchboard.schemas.avro.RoutingAbandoned;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A simulated contact center around the routing engine: callers arrive, and some hang up while
 * waiting; agents answer most offers after a moment, decline some, let some expire, talk for a
 * while and hang up, and take breaks; a supervisor now and then force-assigns a waiting call to an
 * agent of its tenant or to its floater, free or not (the engine offers it or refuses). Everything happens on one scheduler thread, which owns all
 * the state here; decisions are handed to it by a {@link DecisionFeed}. Once draining, agents
 * answer every offer and take no more breaks, so every call ends.
 */
final class CallCenter implements AutoCloseable {

  static final List<String> QUEUES = List.of("sales", "support");
  /** The queue of each tenant's floater, an agent routing never offers a sales or support call to. */
  static final String BACK_OFFICE = "back-office";

  private enum Phase { WAITING, OFFERED, CONNECTED, ENDED }

  private final Outbox outbox;
  private final Map<String, List<String>> agentsByTenant;
  private final ScheduledExecutorService world = Executors.newSingleThreadScheduledExecutor(
      runnable -> new Thread(runnable, "crash-call-center"));
  private final SplittableRandom random = new SplittableRandom(20261121L);
  private final Map<String, Phase> calls = new LinkedHashMap<>();
  private final Map<String, String> tenantOfCall = new LinkedHashMap<>();
  private final Set<String> onBreak = new HashSet<>();
  private final Map<String, Integer> counts = new LinkedHashMap<>();
  private boolean arriving;
  private boolean draining;
  private int callNumber;

  CallCenter(Outbox outbox, Map<String, List<String>> agentsByTenant) {
    this.outbox = outbox;
    this.agentsByTenant = Map.copyOf(agentsByTenant);
  }

  /**
   * Every agent signs in to both queues, capacity 1, and becomes available; so does each tenant's
   * floater, in the back office only, who gets calls by forced assignment alone.
   */
  void signIn() {
    on(() -> agentsByTenant.forEach((tenant, agents) -> {
      agents.forEach(agent -> {
        outbox.agentSignsIn(tenant, agent, QUEUES);
        outbox.agentStatus(tenant, agent, AgentStatus.AVAILABLE);
      });
      outbox.agentSignsIn(tenant, floater(tenant), List.of(BACK_OFFICE));
      outbox.agentStatus(tenant, floater(tenant), AgentStatus.AVAILABLE);
    }));
  }

  static String floater(String tenant) {
    return tenant + "-floater";
  }

  /** Calls arrive at about {@code perSecond} (Bernoulli per 20 ms tick), spread over tenants and queues. */
  void startArrivals(double perSecond) {
    on(() -> arriving = true);
    world.scheduleAtFixedRate(() -> tick(perSecond * 0.02), 0, 20, TimeUnit.MILLISECONDS);
  }

  void stopArrivalsAndDrain() {
    on(() -> {
      arriving = false;
      draining = true;
    });
  }

  /** Called by the feed's thread. */
  void decided(RoutingDecision decision) {
    world.execute(() -> react(decision));
  }

  /** Calls not yet ended. */
  int open() {
    return ask(() -> (int) calls.values().stream().filter(phase -> phase != Phase.ENDED).count());
  }

  List<String> createdCalls() {
    return ask(() -> new ArrayList<>(calls.keySet()));
  }

  /** What happened so far: arrivals, answers, declines, ignored offers, hang-ups, breaks… */
  Map<String, Integer> counts() {
    return ask(() -> new LinkedHashMap<>(counts));
  }

  private void tick(double callsPerTick) {
    if (!arriving) {
      return;
    }
    for (double expected = callsPerTick; expected > 0; expected--) {
      if (random.nextDouble() < expected) {
        arrive();
      }
    }
    if (random.nextDouble() < 0.05) { // a forced assignment about every 0.4 s, while calls wait
      forceAssign();
    }
    if (random.nextDouble() < 0.02) { // about one break a second
      List<String> tenants = new ArrayList<>(agentsByTenant.keySet());
      String tenant = tenants.get(random.nextInt(tenants.size()));
      List<String> agents = agentsByTenant.get(tenant);
      String agent = agents.get(random.nextInt(agents.size()));
      if (onBreak.add(agent)) {
        count("breaks");
        outbox.agentStatus(tenant, agent, AgentStatus.BREAK);
        later(500 + random.nextInt(1500), () -> {
          onBreak.remove(agent);
          outbox.agentStatus(tenant, agent, AgentStatus.AVAILABLE);
        });
      }
    }
  }

  /** The latest call still waiting, as this desk knows it, to the tenant's floater or to any of its agents. */
  private void forceAssign() {
    String waiting = null;
    for (Map.Entry<String, Phase> call : calls.entrySet()) {
      if (call.getValue() == Phase.WAITING) {
        waiting = call.getKey();
      }
    }
    if (waiting == null) {
      return;
    }
    String tenant = tenantOfCall.get(waiting);
    List<String> agents = agentsByTenant.get(tenant);
    count("force-assign requests");
    outbox.assign(tenant, waiting, random.nextBoolean() ? floater(tenant) : agents.get(random.nextInt(agents.size())));
  }

  private void arrive() {
    List<String> tenants = new ArrayList<>(agentsByTenant.keySet());
    String tenant = tenants.get(random.nextInt(tenants.size()));
    String callId = tenant + "-call-" + (++callNumber);
    calls.put(callId, Phase.WAITING);
    tenantOfCall.put(callId, tenant);
    count("arrivals");
    outbox.callArrives(tenant, callId, QUEUES.get(random.nextInt(QUEUES.size())));
    if (random.nextDouble() < 0.1) { // an impatient caller
      later(1000 + random.nextInt(5000), () -> {
        Phase phase = calls.get(callId);
        if (phase == Phase.WAITING || phase == Phase.OFFERED) {
          calls.put(callId, Phase.ENDED);
          count("hang-ups");
          outbox.end(tenant, callId, CallOutcome.ABANDONED);
        }
      });
    }
  }

  private void react(RoutingDecision decision) {
    String callId = decision.getCallId();
    String tenant = decision.getTenantId();
    Phase phase = calls.get(callId);
    Object payload = decision.getPayload();
    if (payload instanceof AgentPaused paused) {
      count("paused");
      later(300, () -> outbox.agentStatus(tenant, paused.getAgentId(), AgentStatus.AVAILABLE));
    } else if (phase == null || phase == Phase.ENDED) {
      return; // not ours, or the caller is gone: the engine closes what is left
    } else if (payload instanceof RoutingOffered offered) {
      calls.put(callId, Phase.OFFERED);
      offered(tenant, callId, offered);
    } else if (payload instanceof ReservationAccepted) {
      calls.put(callId, Phase.CONNECTED);
      count("accepted");
      later(draining ? 100 + random.nextInt(200) : 300 + random.nextInt(1200), () -> {
        if (calls.get(callId) == Phase.CONNECTED) {
          calls.put(callId, Phase.ENDED);
          outbox.end(tenant, callId, CallOutcome.ENDED);
        }
      });
    } else if (payload instanceof RoutingAbandoned) {
      calls.put(callId, Phase.ENDED);
    } else if (payload instanceof ReservationRejected || payload instanceof ReservationTimedOut
        || payload instanceof OfferRescinded) {
      calls.put(callId, Phase.WAITING);
    }
  }

  private void offered(String tenant, String callId, RoutingOffered offer) {
    String agent = offer.getAgentId();
    String reservation = offer.getReservationId().toString();
    double dice = draining ? 1 : random.nextDouble();
    if (dice < 0.06) {
      count("declined");
      later(50 + random.nextInt(250), () -> outbox.decline(tenant, callId, agent, reservation));
    } else if (dice < 0.10) {
      count("left to expire");
    } else {
      later(30 + random.nextInt(300), () -> {
        if (calls.get(callId) == Phase.OFFERED) {
          outbox.answer(tenant, callId, agent, reservation);
        }
      });
    }
  }

  private void count(String what) {
    counts.merge(what, 1, Integer::sum);
  }

  private void later(long millis, Runnable action) {
    world.schedule(action, millis, TimeUnit.MILLISECONDS);
  }

  private void on(Runnable action) {
    ask(() -> {
      action.run();
      return null;
    });
  }

  private <T> T ask(Callable<T> question) {
    try {
      return world.submit(question).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("The call center did not answer", e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    world.shutdownNow();
    world.awaitTermination(10, TimeUnit.SECONDS);
  }
}
