package io.switchboard.routing.queue;

import io.switchboard.routing.queue.AgentSelection.Choice;
import io.switchboard.routing.queue.RoutedCall.Offer;
import io.switchboard.schemas.avro.SkillRelaxationStep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.slf4j.MDC;

/**
 * Matches waiting calls with free agents. For each queue that changed, the first waiting call in
 * routing order that has an eligible agent (skills, preferred agent, reject delay) is a candidate;
 * the best candidate across the queues (highest effective priority now, then oldest) is offered to
 * the agent(s) its queue's strategy picks, until no queue has a match.
 */
final class Dispatcher {

  static final String CALL_TIMER = "call";
  static final String AGENT_TIMER = "agent";

  private final RoutingStores stores;
  private final Decisions decisions;
  private final RoutingSettings settings;
  private final LongSupplier wallClock;
  private final AgentSelection selection;

  Dispatcher(RoutingStores stores, Decisions decisions, RoutingSettings settings, LongSupplier wallClock) {
    this.stores = stores;
    this.decisions = decisions;
    this.settings = settings;
    this.wallClock = wallClock;
    this.selection = new AgentSelection(stores);
  }

  /** A waiting call someone may take now, with the rule that says who. */
  private record Match(RoutedCall call, QueueRules rules, QueueAgents agents, Eligibility.Rule rule, long effective) {}

  private static final Comparator<Match> BEST_FIRST =
      Comparator.comparingLong(Match::effective).reversed()
          .thenComparingLong(match -> match.call().enqueuedAt())
          .thenComparing(match -> match.call().callId());

  QueueRules rulesOf(String tenant, String queue) {
    return stores.rules(tenant, queue, () -> stores.queueConfig(tenant, queue)
        .map(config -> QueueRules.of(config, settings))
        .orElseGet(() -> QueueRules.defaults(queue, settings)));
  }

  QueueLimits limitsOf(String tenant, String queue) {
    return stores.queueConfig(tenant, queue).map(QueueLimits::of).orElseGet(() -> QueueLimits.none(queue));
  }

  long now() {
    return wallClock.getAsLong();
  }

  /** Offers waiting calls of {@code queues} while a free, eligible agent can take one. */
  void dispatch(String tenant, Set<String> queues) {
    while (true) {
      long now = now();
      Optional<Match> best = queues.stream()
          .map(queue -> firstMatch(tenant, queue, now))
          .flatMap(Optional::stream)
          .min(BEST_FIRST);
      if (best.isEmpty()) {
        return;
      }
      offer(tenant, best.get(), now);
    }
  }

  /**
   * The first waiting call of {@code queue}, in routing order, that a free agent may take. Calls at
   * the head that nobody free may take yet are passed over cheaply: once one plain call (see
   * {@link Eligibility#plain}) at a relaxation step has no taker, the others at that step are not
   * even read, and a call reserved for a preferred agent who is not free is not read either.
   */
  private Optional<Match> firstMatch(String tenant, String queue, long now) {
    QueueAgents agents = stores.agentsOf(tenant, queue);
    if (!agents.longestIdleFirst().iterator().hasNext()) {
      return Optional.empty();
    }
    QueueRules rules = rulesOf(tenant, queue);
    Set<Integer> stepsWithoutTaker = new HashSet<>();
    return stores.firstWaiting(tenant, queue, entry -> worthReading(tenant, queue, rules, entry, stepsWithoutTaker, now),
        call -> {
          Eligibility.Rule rule = Eligibility.of(call, rules, now, id -> stores.agent(tenant, id));
          if (AgentSelection.anyone(agents, rule, now).isEmpty()) {
            if (Eligibility.plain(call, rule)) {
              stepsWithoutTaker.add(rules.relaxationStep(now - call.enqueuedAt()));
            }
            return Optional.empty();
          }
          return Optional.of(new Match(call, rules, agents, rule,
              WaitingOrder.effective(call, rules.agingPointsPerMinute(), now)));
        });
  }

  private boolean worthReading(String tenant, String queue, QueueRules rules, WaitingLine.Entry entry,
      Set<Integer> stepsWithoutTaker, long now) {
    long waited = Math.max(0, now - entry.enqueuedAt());
    if (entry.preferredAgent() != null && waited < rules.preferredAgentTimeoutMs()) {
      Optional<AgentState> preferred = stores.agent(tenant, entry.preferredAgent()).filter(agent -> !agent.offline());
      if (preferred.isPresent()) {
        return preferred.get().isFree(now) && preferred.get().queues().contains(queue);
      }
    }
    return !entry.plain() || !stepsWithoutTaker.contains(rules.relaxationStep(waited));
  }

  /** Puts a call into its queue's order with a key fixed now, and sets the timers that may make it routable. */
  RoutedCall enqueue(String tenant, RoutedCall call, QueueRules rules) {
    RoutedCall waiting = call.withSortKey(rules.sortKey(call));
    stores.put(tenant, waiting);
    stores.addWaiting(tenant, waiting);
    long now = now();
    List<Long> moments = new ArrayList<>();
    for (SkillRelaxationStep step : rules.skillRelaxation()) {
      moments.add(waiting.enqueuedAt() + step.getAfterSeconds() * 1000L);
    }
    if (waiting.attributes().containsKey(Eligibility.PREFERRED_AGENT)) {
      moments.add(waiting.enqueuedAt() + rules.preferredAgentTimeoutMs());
    }
    if (rules.rejectDelayMs() > 0) {
      waiting.refusals().values().forEach(at -> moments.add(at + rules.rejectDelayMs()));
    }
    moments.stream().filter(at -> at > now).distinct()
        .forEach(at -> stores.addTimer(at, tenant, CALL_TIMER, waiting.callId()));
    if (!waiting.callback()) {
      // A limit already passed (e.g. the call was ringing then) is checked at the next tick, not lost.
      QueueLimits limits = limitsOf(tenant, waiting.queue());
      for (Long limitMs : new Long[] {limits.maxWaitMs(), limits.noAgentMs()}) {
        if (limitMs != null) {
          stores.addTimer(Math.max(now, waiting.queuedAt() + limitMs), tenant, CALL_TIMER, waiting.callId());
        }
      }
    }
    return waiting;
  }

  /** Takes the remaining offers of a call back (without counting them) and puts it back at its place. */
  RoutedCall returnToQueue(String tenant, RoutedCall offered) {
    stores.removeReservation(tenant, offered);
    for (Offer offer : offered.offers()) {
      stores.agent(tenant, offer.agentId())
          .ifPresent(agent -> stores.put(tenant, agent.releaseOffer(offered.callId())));
    }
    return enqueue(tenant, offered.backToQueue(), rulesOf(tenant, offered.queue()));
  }

  /** The queues an agent serves plus {@code queue}, the ones to dispatch after a change. */
  Set<String> queuesOf(String tenant, String agentId, String queue) {
    Set<String> queues = new LinkedHashSet<>();
    if (queue != null) {
      queues.add(queue);
    }
    if (agentId != null) {
      stores.agent(tenant, agentId).ifPresent(agent -> queues.addAll(agent.queues()));
    }
    return queues;
  }

  private void offer(String tenant, Match match, long now) {
    RoutedCall call = match.call();
    Choice choice = selection.choose(tenant, call, match.rules(), match.agents(), match.rule(), now);
    String why = choice.reason() + " (strategy " + match.rules().strategy()
        + (match.rule().description().isEmpty() ? "" : "; " + match.rule().description()) + ")";
    if (call.callback()) {
      why += ", a callback: the agent calls the customer back";
    }
    String refuser = call.lastRefuser();
    RoutedCall offered = reserve(tenant, call, choice.agents(), now + match.rules().reservationTimeoutMs());
    for (Offer offer : offered.offers()) {
      announce(tenant, offered, offer, "agent " + offer.agentId() + " " + why
          + (refuser != null && !refuser.equals(offer.agentId()) ? " (not " + refuser + ", who had the last offer)"
              : ""));
    }
  }

  /**
   * A supervisor's forced assignment: the waiting call is offered to {@code agent} alone, whatever the
   * queue's strategy, skills, preferred agent or reject delay say, with the queue's reservation timeout.
   * The caller has checked that the agent is free.
   */
  void offerTo(String tenant, RoutedCall waiting, AgentState agent, String why) {
    long now = now();
    RoutedCall offered = reserve(tenant, waiting, List.of(agent),
        now + rulesOf(tenant, waiting.queue()).reservationTimeoutMs());
    announce(tenant, offered, offered.offers().get(0), why);
  }

  /** Takes the call off its line and reserves it for each agent: one open offer each. */
  private RoutedCall reserve(String tenant, RoutedCall call, List<AgentState> agents, long expiresAt) {
    List<Offer> offers = agents.stream()
        .map(agent -> new Offer(agent.agentId(), UUID.randomUUID().toString()))
        .toList();
    RoutedCall offered = call.offered(offers, expiresAt);
    stores.removeWaiting(tenant, call);
    stores.put(tenant, offered);
    agents.forEach(agent -> stores.put(tenant, agent.reserve(call.callId())));
    stores.addReservation(tenant, offered);
    return offered;
  }

  private void announce(String tenant, RoutedCall offered, Offer offer, String why) {
    try (MDC.MDCCloseable c = MDC.putCloseable("callId", offered.callId());
        MDC.MDCCloseable a = MDC.putCloseable("agentId", offer.agentId())) {
      decisions.offered(tenant, offered, offer, why);
    }
  }
}
