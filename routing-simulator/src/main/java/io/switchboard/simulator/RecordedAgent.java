package io.switchboard.simulator;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentSignedOut;
import io.switchboard.schemas.avro.AgentSkillsChanged;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.Skill;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One agent's recorded events, in time order, turned into shifts: the stretches when it was
 * AVAILABLE (taking calls, busy or not, as the engine sees it), each with the profile it had then.
 * BREAK, WRAP_UP, OFFLINE and sign-out end a stretch; RESERVED and BUSY are the engine's own view
 * and, as in the engine, change nothing. A profile change while on splits the stretch.
 */
final class RecordedAgent {

  private final String agentId;
  private final long startMs;
  private final List<AgentShift> shifts = new ArrayList<>();
  private boolean registered;
  private boolean available;
  private List<String> queues = List.of();
  private Map<String, Integer> skills = Map.of();
  private int capacity;
  private long openedAt = -1;

  /** @param startMs the start of the replay window, epoch ms: shifts are relative to it */
  RecordedAgent(String agentId, long startMs) {
    this.agentId = agentId;
    this.startMs = startMs;
  }

  /** Events must come in time order and before the end of the recording. */
  void apply(AgentEvent event) {
    long at = Math.max(startMs, event.getOccurredAt().toEpochMilli());
    Object payload = event.getPayload();
    if (payload instanceof AgentRegistered) {
      AgentRegistered registration = (AgentRegistered) payload;
      // A first registration leaves the agent OFFLINE; a repeated one (e.g. a SIP REGISTER refresh)
      // keeps its status, as the engine does.
      boolean stays = registered && available;
      profile(at, registration.getQueues(), levels(registration.getSkills()), registration.getCapacity(), stays);
      registered = true;
    } else if (!registered) {
      return; // the engine ignores events of an agent it does not know
    } else if (payload instanceof AgentSkillsChanged) {
      AgentSkillsChanged changed = (AgentSkillsChanged) payload;
      profile(at, changed.getQueues(), levels(changed.getSkills()), capacity, available);
    } else if (payload instanceof AgentStatusChanged) {
      AgentStatus status = ((AgentStatusChanged) payload).getStatus();
      if (status == AgentStatus.RESERVED || status == AgentStatus.BUSY) {
        return;
      }
      if (status == AgentStatus.AVAILABLE && available) {
        return; // still the same stretch
      }
      close(at);
      available = status == AgentStatus.AVAILABLE;
    } else if (payload instanceof AgentSignedOut) {
      close(at);
      registered = false;
      available = false;
    }
    open(at);
  }

  /** The shifts; one still open at the end of the recording never ends. */
  List<AgentShift> shifts() {
    List<AgentShift> all = new ArrayList<>(shifts);
    if (openedAt >= 0) {
      all.add(new AgentShift(agentId, queues, skills, capacity, openedAt - startMs, Long.MAX_VALUE));
    }
    return all;
  }

  private void profile(long at, List<String> newQueues, Map<String, Integer> newSkills, int newCapacity,
      boolean stays) {
    if (!stays || !newQueues.equals(queues) || !newSkills.equals(skills) || newCapacity != capacity) {
      close(at); // a new stretch with the new profile
    }
    available = stays;
    queues = List.copyOf(newQueues);
    skills = Map.copyOf(newSkills);
    capacity = newCapacity;
  }

  private void close(long at) {
    if (openedAt >= 0 && at > openedAt) {
      shifts.add(new AgentShift(agentId, queues, skills, capacity, openedAt - startMs, at - startMs));
    }
    openedAt = -1;
  }

  private void open(long at) {
    if (openedAt < 0 && registered && available && capacity >= 1) {
      openedAt = at;
    }
  }

  private static Map<String, Integer> levels(List<Skill> skills) {
    Map<String, Integer> levels = new LinkedHashMap<>();
    skills.forEach(skill -> levels.put(skill.getName(), skill.getLevel()));
    return levels;
  }
}
