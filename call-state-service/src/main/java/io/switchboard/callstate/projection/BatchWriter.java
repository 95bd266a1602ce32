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
import reactor.core.scheduler.Scheduler;

/**
 * Applies one batch in one database transaction: the raw log, the folded calls and their
 * participants, the agents, the decisions, the key presses, the quality samples, the queue statistics, the audit
 * events, the records set aside and the offsets to resume from commit together or not at all, so
 * a crash anywhere neither loses nor duplicates a row. Events already logged (same event id) are not
 * applied again. A refolded call's log is kept in a {@link CallFactCache} once its batch committed, so
 * that its next event does not read it back.
 */
final class BatchWriter {

  /** What a committed batch did. */
  record Outcome(int projectedEvents, List<Rejection> rejections, List<OverLimit> overLimit,
      List<String> dropReasons) {}

  /**
   * A batch ready to write: its events, what refolding its calls gave, and what its transaction sends,
   * built beforehand: the new call events and the new decisions as {@code COPY} data, the calls' rows
   * as array literals (each null where there are none).
   */
  record Prepared(DecodedBatch batch, Refold refold, byte[] newEventsCopy, byte[] newDecisionsCopy,
      String[] callColumns) {}

  /**
   * The calls' side of a batch: the call events not logged before, the logs of the calls they touch
   * (the stored one with the new events), the rows folded from them, and what the folds found among
   * the new events.
   */
  record Refold(List<LoggedEvent> newEvents, Map<CallKey, List<CallFact>> logs, List<CallRow> rows,
      List<ParticipantRow> participantRows, Set<CallKey> wrapUpCalls, List<Rejection> rejections,
      List<OverLimit> overLimit) {}

  private final CallStore calls;
  private final AgentStore agents;
  private final DecisionStore decisions;
  private final OffsetStore offsets;
  private final WrapUps wrapUps;
  private final DeadLetterStore deadLetters;
  private final QualityStore quality;
  private final ParticipantStore participants;
  private final QueueStatsStore queueStats;
  private final AuditStore audit;
  private final KeyPressStore keyPresses;
  private final TransactionalOperator transaction;
  private final CallFactCache recent;
  private final AgentRowCache agentsHeld = new AgentRowCache();
  private final CallFold callFold = new CallFold();
  private final AgentFold agentFold = new AgentFold();
  private final ParticipantFold participantFold = new ParticipantFold();

  BatchWriter(CallStore calls, AgentStore agents, DecisionStore decisions, OffsetStore offsets, WrapUps wrapUps,
      DeadLetterStore deadLetters, QualityStore quality, ParticipantStore participants, QueueStatsStore queueStats,
      AuditStore audit, KeyPressStore keyPresses, TransactionalOperator transaction, CallFactCache recent) {
    this.calls = calls;
    this.agents = agents;
    this.decisions = decisions;
    this.offsets = offsets;
    this.wrapUps = wrapUps;
    this.deadLetters = deadLetters;
    this.quality = quality;
    this.participants = participants;
    this.queueStats = queueStats;
    this.audit = audit;
    this.keyPresses = keyPresses;
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
    agentsHeld.clear();
  }

  /**
   * What a batch will write to the calls, worked out before its transaction: which of its call
   * events are new, and every call they touch folded again from its whole log. The logs come from the
   * cache (a batch still being written included) or, for calls not held, from the committed rows, on
   * a connection of their own. Holds the refolded logs in the cache until the batch commits. The
   * folding runs on {@code foldOn}, not on the database client's threads (which the transaction of
   * the batch before needs meanwhile).
   */
  Mono<Prepared> prepare(DecodedBatch batch, Scheduler foldOn) {
    return Mono.defer(() -> {
      long generation = recent.generation();
      Map<CallKey, List<LoggedEvent>> byCall = new LinkedHashMap<>();
      Set<UUID> seen = new HashSet<>();
      for (LoggedEvent event : batch.callLog()) {
        if (seen.add(event.eventId())) {
          byCall.computeIfAbsent(event.call(), key -> new ArrayList<>()).add(event);
        }
      }
      return storedLogs(byCall, foldOn).map(stored -> {
        Refold refold = refold(byCall, stored);
        if (!recent.hold(refold.logs(), generation)) {
          throw new IllegalStateException("The projection restarted while a batch was prepared");
        }
        return new Prepared(batch, refold, CallStore.copyData(refold.newEvents()),
            DecisionStore.copyData(newDecisions(batch.decisions(), refold.newEvents())), calls.columns(refold.rows()));
      });
    });
  }

  /**
   * Writes a prepared batch in one transaction; its calls' logs and its agents' rows are held in
   * memory once it committed, and nothing held is trusted any more if it did not.
   */
  Mono<Outcome> write(Prepared prepared) {
    Map<AgentKey, AgentRow> agentRows = new HashMap<>();
    return applyInTransaction(prepared, agentRows)
        .doOnSuccess(outcome -> {
          recent.committed(prepared.refold().logs());
          agentsHeld.committed(agentRows);
        })
        .doOnError(error -> forget())
        .doOnCancel(this::forget);
  }

  private Mono<Outcome> applyInTransaction(Prepared prepared, Map<AgentKey, AgentRow> agentRows) {
    DecodedBatch batch = prepared.batch();
    Refold refold = prepared.refold();
    return transaction.transactional(Mono.defer(() -> {
      // Whose wrap-up may have changed: the refolded calls, and the calls of agents with new status
      // lines from the earliest such line on (WrapUps).
      Map<AgentKey, Instant> wrapUpAgents = new LinkedHashMap<>();
      batch.agentFacts().forEach(fact -> wrapUpAgents.merge(fact.key(), fact.occurredAt(),
          (a, b) -> a.isBefore(b) ? a : b));
      // One statement per table, one after the other: the call rows, then the rows that need nothing
      // read in the transaction, then the agents' (which do), the wrap-ups (which read all of them),
      // the offsets last.
      return logNew(prepared)
          .then(calls.upsert(prepared.callColumns()))
          .then(participants.upsert(refold.participantRows()))
          .then(decisions.insert(prepared.newDecisionsCopy()))
          .then(keyPresses.insert(refold.newEvents()))
          .then(queueStats.upsert(batch.queueStats()))
          .then(deadLetters.insert(batch.deadLetters()))
          .then(quality.insert(batch.quality()))
          .flatMap(newSamples -> audit.insert(batch.audit()).map(newAudit -> newSamples + newAudit))
          .flatMap(newRows -> applyAgentEvents(batch.agentFacts(), agentRows)
              .flatMap(newAgentEvents -> wrapUps.update(refold.wrapUpCalls(), wrapUpAgents)
                  .then(offsets.save(batch.nextOffsets()))
                  .thenReturn(new Outcome(refold.newEvents().size() + newAgentEvents + newRows,
                      refold.rejections(), refold.overLimit(), batch.dropReasons()))));
    }));
  }

  /**
   * The stored log of each call, from the cache or else read with one query; that query also
   * returns any event logged under another call with the id of one of these calls' events (an id
   * names one event only), whose call the result then holds too.
   */
  private Mono<Map<CallKey, List<CallFact>>> storedLogs(Map<CallKey, List<LoggedEvent>> byCall,
      Scheduler foldOn) {
    Map<CallKey, List<CallFact>> held = recent.get(byCall.keySet());
    List<CallKey> missing = byCall.keySet().stream().filter(key -> !held.containsKey(key)).toList();
    if (missing.isEmpty()) {
      return Mono.just(held);
    }
    List<UUID> ids = missing.stream().flatMap(key -> byCall.get(key).stream()).map(LoggedEvent::eventId).toList();
    return calls.facts(missing, ids).collect(Collectors.groupingBy(fact -> new CallKey(fact.tenantId(), fact.callId())))
        .publishOn(foldOn)
        .map(read -> {
          Map<CallKey, List<CallFact>> logs = new HashMap<>(read);
          logs.putAll(held);
          return logs;
        });
  }

  /**
   * Folds every call with events in the batch again, from its whole log: the stored one and the
   * batch's events not in it (by event id), which are the new ones.
   */
  private Refold refold(Map<CallKey, List<LoggedEvent>> byCall, Map<CallKey, List<CallFact>> stored) {
    List<LoggedEvent> newEvents = new ArrayList<>();
    Map<CallKey, List<CallFact>> logs = new LinkedHashMap<>();
    List<CallRow> rows = new ArrayList<>();
    List<ParticipantRow> participantRows = new ArrayList<>();
    Set<CallKey> wrapUpCalls = new LinkedHashSet<>();
    List<Rejection> rejections = new ArrayList<>();
    List<OverLimit> overLimit = new ArrayList<>();
    Set<UUID> logged = new HashSet<>();
    stored.values().forEach(log -> log.forEach(fact -> logged.add(fact.eventId())));
    byCall.forEach((key, events) -> {
      List<CallFact> log = stored.getOrDefault(key, List.of());
      List<LoggedEvent> fresh = events.stream().filter(event -> !logged.contains(event.eventId())).toList();
      if (fresh.isEmpty()) {
        return;
      }
      newEvents.addAll(fresh);
      Set<UUID> newIds = fresh.stream().map(LoggedEvent::eventId).collect(Collectors.toSet());
      List<CallFact> facts = CallFactCache.merge(log, fresh.stream().map(LoggedEvent::fact).toList());
      logs.put(key, facts);
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
    return new Refold(List.copyOf(newEvents), logs, rows, participantRows, wrapUpCalls, List.copyOf(rejections),
        List.copyOf(overLimit));
  }

  /**
   * The decisions among the new call events, once each: a decision is logged as a call event too, in
   * the same transaction, so one whose event is not new was stored before.
   */
  static List<DecisionRow> newDecisions(List<DecisionRow> decisions, List<LoggedEvent> newEvents) {
    if (decisions.isEmpty()) {
      return List.of();
    }
    Set<UUID> fresh = newEvents.stream().map(LoggedEvent::eventId).collect(Collectors.toCollection(HashSet::new));
    return decisions.stream().filter(decision -> fresh.remove(decision.eventId())).toList();
  }

  /**
   * Logs the new call events. Each is new to its call's log, read or held; one logged under another
   * call with the same id makes the COPY fail on the key, the batch with it, which clears the cache,
   * and the retry reads every log and finds it.
   */
  private Mono<Void> logNew(Prepared prepared) {
    return prepared.refold().newEvents().isEmpty() ? Mono.empty() : calls.log(prepared.newEventsCopy()).then();
  }

  /**
   * Applies the agent events not projected before, in the order read; returns how many, and puts the
   * agents' rows written in {@code written}. The rows start from those held since an earlier batch,
   * or else from the table.
   */
  private Mono<Integer> applyAgentEvents(List<AgentFact> facts, Map<AgentKey, AgentRow> written) {
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
      Map<AgentKey, AgentRow> held = agentsHeld.get(keys);
      List<AgentKey> missing = keys.stream().filter(key -> !held.containsKey(key)).toList();
      return (missing.isEmpty() ? Mono.just(Map.<AgentKey, AgentRow>of()) : agents.load(missing)).flatMap(loaded -> {
        Map<AgentKey, AgentRow> rows = new LinkedHashMap<>(held);
        rows.putAll(loaded);
        List<HistoryLine> history = new ArrayList<>();
        for (AgentFact fact : fresh) {
          Applied applied = agentFold.apply(rows.getOrDefault(fact.key(), AgentRow.unknown(fact.key())), fact);
          rows.put(fact.key(), applied.row());
          history.add(applied.history());
        }
        return agents.save(rows.values(), history).doOnSuccess(done -> written.putAll(rows))
            .thenReturn(fresh.size());
      });
    });
  }
}
