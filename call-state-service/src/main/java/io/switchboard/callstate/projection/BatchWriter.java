package io.switchboard.callstate.projection;

import io.switchboard.callstate.projection.AgentFold.Applied;
import io.switchboard.callstate.projection.AgentFold.HistoryLine;
import io.switchboard.callstate.projection.CallFold.Folded;
import io.switchboard.callstate.projection.CallFold.Rejection;
import io.switchboard.callstate.projection.ParticipantFold.OverLimit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Applies one batch in one database transaction: the raw log, the folded calls and their
 * participants, the agents, the decisions, the quality samples, the queue statistics, the records
 * set aside and the offsets to resume from commit together or not at all, so
 * a crash anywhere neither loses nor duplicates a row. Events already logged (same event id) are not
 * applied again. A refolded call's log is kept in a {@link CallFactCache} once its batch committed, so
 * that its next event does not read it back.
 */
final class BatchWriter {

  /** What a committed batch did. */
  record Outcome(int projectedEvents, List<Rejection> rejections, List<OverLimit> overLimit,
      List<String> dropReasons) {}

  /** What refolding the calls found, among their new events. */
  private record Refolded(List<Rejection> rejections, List<OverLimit> overLimit) {}

  private final CallStore calls;
  private final AgentStore agents;
  private final DecisionStore decisions;
  private final OffsetStore offsets;
  private final WrapUps wrapUps;
  private final DeadLetterStore deadLetters;
  private final QualityStore quality;
  private final ParticipantStore participants;
  private final QueueStatsStore queueStats;
  private final TransactionalOperator transaction;
  private final CallFactCache recent;
  private final CallFold callFold = new CallFold();
  private final AgentFold agentFold = new AgentFold();
  private final ParticipantFold participantFold = new ParticipantFold();

  BatchWriter(CallStore calls, AgentStore agents, DecisionStore decisions, OffsetStore offsets, WrapUps wrapUps,
      DeadLetterStore deadLetters, QualityStore quality, ParticipantStore participants, QueueStatsStore queueStats,
      TransactionalOperator transaction, CallFactCache recent) {
    this.calls = calls;
    this.agents = agents;
    this.decisions = decisions;
    this.offsets = offsets;
    this.wrapUps = wrapUps;
    this.deadLetters = deadLetters;
    this.quality = quality;
    this.participants = participants;
    this.queueStats = queueStats;
    this.transaction = transaction;
    this.recent = recent;
  }

  /**
   * Forgets the calls' logs held in memory: the loop calls it whenever it (re)starts from the stored
   * offsets, because the tables may have changed meanwhile (a replay swaps in tables that can hold
   * more events than this writer has seen).
   */
  void forget() {
    recent.clear();
  }

  Mono<Outcome> apply(DecodedBatch batch) {
    return Mono.defer(() -> {
      // The refolded calls' logs, for the cache once (and only if) the transaction committed: the
      // Mono of transactional() completes after the commit. A failure, a failed commit included, or a
      // cancel (a rollback) clears the cache instead.
      Map<CallKey, List<CallFact>> refoldedLogs = new HashMap<>();
      return applyInTransaction(batch, refoldedLogs)
          .doOnSuccess(outcome -> recent.putAll(refoldedLogs))
          .doOnError(error -> recent.clear())
          .doOnCancel(recent::clear);
    });
  }

  private Mono<Outcome> applyInTransaction(DecodedBatch batch, Map<CallKey, List<CallFact>> refoldedLogs) {
    return transaction.transactional(Mono.defer(() -> {
      // Whose wrap-up may have changed: the refolded calls, and the calls of agents with new status
      // lines from the earliest such line on (WrapUps).
      Set<CallKey> wrapUpCalls = new LinkedHashSet<>();
      Map<AgentKey, Instant> wrapUpAgents = new LinkedHashMap<>();
      batch.agentFacts().forEach(fact -> wrapUpAgents.merge(fact.key(), fact.occurredAt(),
          (a, b) -> a.isBefore(b) ? a : b));
      return logCallEvents(batch.callLog())
          .flatMap(newCallEvents -> refoldCalls(newCallEvents, wrapUpCalls, refoldedLogs)
              .flatMap(refolded -> applyOtherEvents(batch)
                  .flatMap(newOtherEvents -> Mono.defer(() -> wrapUps.update(wrapUpCalls, wrapUpAgents))
                      .then(queueStats.upsert(batch.queueStats()))
                      .then(deadLetters.insert(batch.deadLetters()))
                      .then(offsets.save(batch.nextOffsets()))
                      .thenReturn(new Outcome(newCallEvents.size() + newOtherEvents, refolded.rejections(),
                          refolded.overLimit(), batch.dropReasons())))));
    }));
  }

  /** Decisions, agent events and quality samples, one after the other; returns how many were new. */
  private Mono<Integer> applyOtherEvents(DecodedBatch batch) {
    return decisions.insert(batch.decisions())
        .then(applyAgentEvents(batch.agentFacts()))
        .flatMap(newAgentEvents -> quality.insert(batch.quality()).map(newSamples -> newAgentEvents + newSamples));
  }

  /** Logs the events and returns those that were not logged before. */
  private Mono<List<LoggedEvent>> logCallEvents(List<LoggedEvent> events) {
    Map<UUID, LoggedEvent> unique = new LinkedHashMap<>();
    events.forEach(event -> unique.putIfAbsent(event.eventId(), event));
    List<LoggedEvent> candidates = List.copyOf(unique.values());
    return calls.log(candidates).collect(Collectors.toSet())
        .map(inserted -> candidates.stream().filter(event -> inserted.contains(event.eventId())).toList());
  }

  /**
   * Folds every call that got a new event again, from its whole log, and writes the rows back: the
   * call's and its participants'. Puts the logs folded into {@code logs}.
   */
  private Mono<Refolded> refoldCalls(List<LoggedEvent> newEvents, Set<CallKey> wrapUpCalls,
      Map<CallKey, List<CallFact>> logs) {
    Map<CallKey, List<CallFact>> added = new LinkedHashMap<>();
    Set<UUID> newIds = new HashSet<>();
    for (LoggedEvent event : newEvents) {
      added.computeIfAbsent(event.call(), key -> new ArrayList<>()).add(event.fact());
      newIds.add(event.eventId());
    }
    if (added.isEmpty()) {
      return Mono.just(new Refolded(List.of(), List.of()));
    }
    return logs(added).flatMap(factsByCall -> {
      logs.putAll(factsByCall);
      List<CallRow> rows = new ArrayList<>();
      List<ParticipantRow> participantRows = new ArrayList<>();
      List<Rejection> rejections = new ArrayList<>();
      List<OverLimit> overLimit = new ArrayList<>();
      factsByCall.forEach((key, facts) -> {
        Folded folded = callFold.fold(key.tenantId(), key.callId(), facts);
        rows.add(folded.row());
        if (folded.row().agentId() != null) {
          wrapUpCalls.add(key);
        }
        rejections.addAll(SettledRejections.of(folded, facts, newIds));
        ParticipantFold.Folded people = participantFold.fold(key.tenantId(), key.callId(), facts);
        participantRows.addAll(people.rows());
        people.overLimit().stream().filter(o -> newIds.contains(o.eventId())).forEach(overLimit::add);
      });
      return calls.upsert(rows).then(participants.upsert(participantRows))
          .thenReturn(new Refolded(List.copyOf(rejections), List.copyOf(overLimit)));
    });
  }

  /**
   * The whole log of each call with new events ({@code added}, just logged in this transaction): the
   * log held in the cache, or else the events stored before this batch, read with one query; plus
   * the new events.
   */
  private Mono<Map<CallKey, List<CallFact>>> logs(Map<CallKey, List<CallFact>> added) {
    Map<CallKey, List<CallFact>> held = recent.get(added.keySet());
    List<CallKey> missing = added.keySet().stream().filter(key -> !held.containsKey(key)).toList();
    List<UUID> addedToMissing = missing.stream().flatMap(key -> added.get(key).stream()).map(CallFact::eventId)
        .toList();
    Mono<Map<CallKey, List<CallFact>>> read = missing.isEmpty() ? Mono.just(Map.of())
        : calls.facts(missing, addedToMissing)
            .collect(Collectors.groupingBy(fact -> new CallKey(fact.tenantId(), fact.callId())));
    return read.map(stored -> {
      Map<CallKey, List<CallFact>> logs = new LinkedHashMap<>();
      added.forEach((key, events) -> logs.put(key,
          CallFactCache.merge(held.containsKey(key) ? held.get(key) : stored.getOrDefault(key, List.of()), events)));
      return logs;
    });
  }

  /** Applies the agent events not projected before, in the order read; returns how many. */
  private Mono<Integer> applyAgentEvents(List<AgentFact> facts) {
    if (facts.isEmpty()) {
      return Mono.just(0);
    }
    return agents.known(facts.stream().map(AgentFact::eventId).toList()).flatMap(known -> {
      Set<UUID> seen = new HashSet<>(known);
      List<AgentFact> fresh = facts.stream().filter(fact -> seen.add(fact.eventId())).toList();
      if (fresh.isEmpty()) {
        return Mono.just(0);
      }
      Set<AgentKey> keys = fresh.stream().map(AgentFact::key).collect(Collectors.toCollection(LinkedHashSet::new));
      return agents.load(keys).flatMap(loaded -> {
        Map<AgentKey, AgentRow> rows = new LinkedHashMap<>(loaded);
        List<HistoryLine> history = new ArrayList<>();
        for (AgentFact fact : fresh) {
          Applied applied = agentFold.apply(rows.getOrDefault(fact.key(), AgentRow.unknown(fact.key())), fact);
          rows.put(fact.key(), applied.row());
          history.add(applied.history());
        }
        return agents.save(rows.values(), history).thenReturn(fresh.size());
      });
    });
  }
}
