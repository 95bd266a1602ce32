package io.switchboard.media.sip.registrar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Every agent's bindings, as this instance knows them (its own REGISTERs and those other instances
 * published), with an index of when each agent's next binding expires so that expiry costs what
 * expires, not the size of the table.
 */
public final class BindingTable {

  /** A contact to add, refresh ({@code seconds > 0}) or remove ({@code seconds == 0}). */
  record ContactUpdate(String contact, int seconds) {}

  /** Bindings of one agent before and after a change; {@code after} has no contacts once all are gone. */
  record Change(AgentBindings before, AgentBindings after) {

    /** Contacts in {@code after} that {@code before} did not have. */
    List<String> added() {
      List<String> known = before == null ? List.of() : before.contacts().stream().map(Binding::contact).toList();
      return after.contacts().stream().map(Binding::contact).filter(contact -> !known.contains(contact)).toList();
    }

    /** Whether the agent's last binding went. */
    boolean lastGone() {
      return before != null && !before.contacts().isEmpty() && after.contacts().isEmpty();
    }
  }

  /** Why a REGISTER could not be applied. */
  enum Refusal {
    /** A binding with the same Call-ID has a CSeq at least as high (RFC 3261 10.3 step 7). */
    OUT_OF_ORDER,
    /** The agent would have more contacts than allowed. */
    TOO_MANY_CONTACTS
  }

  /** A change applied, or why not. */
  record Outcome(Change change, Refusal refusal) {}

  private record Due(Instant at, String key) {}

  private final int maxContacts;
  private final Map<String, AgentBindings> agents = new HashMap<>();
  private final TreeSet<Due> due = new TreeSet<>(Comparator.comparing(Due::at).thenComparing(Due::key));

  BindingTable(int maxContacts) {
    this.maxContacts = maxContacts;
  }

  synchronized Optional<AgentBindings> find(String tenantId, String agentId) {
    return Optional.ofNullable(agents.get(AgentBindings.key(tenantId, agentId)));
  }

  /** The agent's bindings still current at {@code now}, for calls to its phones; empty when it has none. */
  public synchronized Optional<AgentBindings> current(String tenantId, String agentId, Instant now) {
    return Optional.ofNullable(live(agents.get(AgentBindings.key(tenantId, agentId)), now));
  }

  synchronized int agents() {
    return agents.size();
  }

  /**
   * Applies one REGISTER: {@code removeAll} is {@code Contact: *} with {@code Expires: 0}; otherwise
   * each update adds, refreshes or removes one contact. Nothing is applied when it is refused.
   */
  synchronized Outcome register(
      String tenantId, String agentId, String aor, List<ContactUpdate> updates, boolean removeAll,
      String callId, long cseq, Instant now, String owner) {
    String key = AgentBindings.key(tenantId, agentId);
    AgentBindings before = live(agents.get(key), now);
    Map<String, Binding> contacts = new LinkedHashMap<>();
    if (before != null) {
      before.contacts().forEach(binding -> contacts.put(binding.contact(), binding));
    }
    if (removeAll) {
      for (Binding binding : contacts.values()) {
        if (binding.callId().equals(callId) && cseq <= binding.cseq()) {
          return new Outcome(null, Refusal.OUT_OF_ORDER);
        }
      }
      contacts.clear();
    }
    for (ContactUpdate update : updates) {
      Binding existing = contacts.get(update.contact());
      if (existing != null && existing.callId().equals(callId) && cseq <= existing.cseq()) {
        return new Outcome(null, Refusal.OUT_OF_ORDER);
      }
      if (update.seconds() == 0) {
        contacts.remove(update.contact());
      } else {
        contacts.put(update.contact(),
            new Binding(update.contact(), now.plusSeconds(update.seconds()), callId, cseq));
      }
    }
    if (contacts.size() > maxContacts) {
      return new Outcome(null, Refusal.TOO_MANY_CONTACTS);
    }
    AgentBindings after = new AgentBindings(tenantId, agentId, aor, new ArrayList<>(contacts.values()), owner, now);
    put(after);
    return new Outcome(new Change(before, after), null);
  }

  /**
   * Takes the bindings another instance (or this one, before a restart) published as of {@code
   * changedAt}; null or empty removes them. A copy older than what the table has is ignored: this
   * instance's own writes come back from Kafka after it may have changed the agent again.
   */
  synchronized void replace(String key, AgentBindings bindings, Instant changedAt) {
    AgentBindings current = agents.get(key);
    if (current != null && current.changedAt().isAfter(changedAt)) {
      return;
    }
    if (bindings == null || bindings.contacts().isEmpty()) {
      agents.remove(key);
    } else {
      put(bindings);
    }
  }

  /** Removes every binding expired at {@code now}; one change per agent that lost some. */
  synchronized List<Change> expire(Instant now) {
    List<Change> changes = new ArrayList<>();
    while (!due.isEmpty() && !due.first().at().isAfter(now)) {
      Due next = due.pollFirst();
      AgentBindings before = agents.get(next.key());
      if (before == null) {
        continue;
      }
      AgentBindings live = live(before, now);
      List<Binding> left = live == null ? List.of() : live.contacts();
      if (left.size() == before.contacts().size()) {
        // An index entry left from before a refresh: the agent's real next expiry is indexed too.
        continue;
      }
      AgentBindings after =
          new AgentBindings(before.tenantId(), before.agentId(), before.aor(), left, before.owner(), now);
      if (after.contacts().isEmpty()) {
        agents.remove(next.key());
      } else {
        put(after);
      }
      changes.add(new Change(before, after));
    }
    return changes;
  }

  private void put(AgentBindings bindings) {
    if (bindings.contacts().isEmpty()) {
      agents.remove(bindings.key());
      return;
    }
    agents.put(bindings.key(), bindings);
    Instant next = bindings.contacts().stream().map(Binding::expiresAt).min(Instant::compareTo).orElseThrow();
    due.add(new Due(next, bindings.key()));
  }

  /** The bindings still current at {@code now}, or null when there were none. */
  private static AgentBindings live(AgentBindings bindings, Instant now) {
    if (bindings == null) {
      return null;
    }
    List<Binding> current = bindings.contacts().stream().filter(binding -> binding.expiresAt().isAfter(now)).toList();
    if (current.size() == bindings.contacts().size()) {
      return bindings;
    }
    return current.isEmpty() ? null : bindings.with(current);
  }
}
