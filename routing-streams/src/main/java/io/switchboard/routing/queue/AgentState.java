package io.switchboard.routing.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The routing engine's view of one agent: the queues it serves, its skills and capacity, its status,
 * since when it has been idle, the calls it holds (connected) or is offered, and the counters the
 * selection strategies and the max-no-answer rule need.
 *
 * @param offline OFFLINE (or registered and not yet online): a preferred-agent reservation lapses
 * @param handled calls answered since registration (FEWEST_CALLS)
 * @param talkMs talk time accumulated from answer to end (LEAST_TALK_TIME)
 * @param missed consecutive offers declined or left to expire (max-no-answer)
 * @param wrapUpUntil no offers before this time (wrap-up after a call)
 */
record AgentState(
    String agentId,
    List<String> queues,
    Map<String, Integer> skills,
    int capacity,
    boolean available,
    boolean offline,
    long idleSince,
    List<String> calls,
    List<String> offers,
    int handled,
    long talkMs,
    int missed,
    long wrapUpUntil) {

  AgentState {
    queues = List.copyOf(queues);
    skills = Map.copyOf(skills);
    calls = List.copyOf(calls);
    offers = List.copyOf(offers);
  }

  /** A newly registered agent: OFFLINE until it changes status. */
  static AgentState registered(String agentId, List<String> queues, Map<String, Integer> skills, int capacity,
      long at) {
    return new AgentState(agentId, queues, skills, capacity, false, true, at, List.of(), List.of(), 0, 0, 0, 0);
  }

  /** Offers count against capacity too, so an agent is never offered more than it can take. */
  int load() {
    return calls.size() + offers.size();
  }

  /** Available, below capacity and out of wrap-up: may be offered a call now. */
  boolean isFree(long now) {
    return available && load() < capacity && now >= wrapUpUntil;
  }

  int skill(String name) {
    return skills.getOrDefault(name, 0);
  }

  AgentState withProfile(List<String> newQueues, Map<String, Integer> newSkills, int newCapacity) {
    return new AgentState(agentId, newQueues, newSkills, newCapacity, available, offline, idleSince, calls, offers,
        handled, talkMs, missed, wrapUpUntil);
  }

  AgentState becomeAvailable(long at) {
    long idle = available ? idleSince : Math.max(at, wrapUpUntil);
    return new AgentState(agentId, queues, skills, capacity, true, false, idle, calls, offers, handled, talkMs,
        missed, wrapUpUntil);
  }

  AgentState becomeUnavailable(boolean nowOffline) {
    return new AgentState(agentId, queues, skills, capacity, false, nowOffline, idleSince, calls, offers, handled,
        talkMs, missed, wrapUpUntil);
  }

  AgentState reserve(String callId) {
    return new AgentState(agentId, queues, skills, capacity, available, offline, idleSince, calls,
        plus(offers, callId), handled, talkMs, missed, wrapUpUntil);
  }

  /** Answered: the call is held, one more handled, and the run of missed offers is over. */
  AgentState accept(String callId) {
    return new AgentState(agentId, queues, skills, capacity, available, offline, idleSince, plus(calls, callId),
        minus(offers, callId), handled + 1, talkMs, 0, wrapUpUntil);
  }

  /** The offer is gone without counting against the agent (rescinded, or the caller hung up). */
  AgentState releaseOffer(String callId) {
    return new AgentState(agentId, queues, skills, capacity, available, offline, idleSince, calls,
        minus(offers, callId), handled, talkMs, missed, wrapUpUntil);
  }

  /** Declined or let expire: one more missed offer in a row. */
  AgentState missOffer(String callId) {
    return new AgentState(agentId, queues, skills, capacity, available, offline, idleSince, calls,
        minus(offers, callId), handled, talkMs, missed + 1, wrapUpUntil);
  }

  /** Paused by the engine (max-no-answer): BREAK, and the count starts again. */
  AgentState pause() {
    return new AgentState(agentId, queues, skills, capacity, false, false, idleSince, calls, offers, handled, talkMs,
        0, wrapUpUntil);
  }

  /** A finished call: talk time added, wrap-up until {@code at + wrapUpMs}, idle from the end of wrap-up. */
  AgentState endCall(String callId, long at, long talked, long wrapUpMs) {
    long freeAt = at + Math.max(0, wrapUpMs);
    return new AgentState(agentId, queues, skills, capacity, available, offline, freeAt, minus(calls, callId), offers,
        handled, talkMs + Math.max(0, talked), missed, Math.max(wrapUpUntil, freeAt));
  }

  private static List<String> plus(List<String> list, String item) {
    List<String> copy = new ArrayList<>(list);
    if (!copy.contains(item)) {
      copy.add(item);
    }
    return copy;
  }

  private static List<String> minus(List<String> list, String item) {
    List<String> copy = new ArrayList<>(list);
    copy.remove(item);
    return copy;
  }
}
