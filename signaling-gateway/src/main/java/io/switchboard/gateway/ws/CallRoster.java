package io.switchboard.gateway.ws;

import io.switchboard.schemas.avro.ParticipantRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is in each call this instance follows, as the events told it: the customer from the call's
 * creation, an agent from routing's acceptance of its answer, others from {@code ParticipantJoined};
 * each one's microphone, camera and screen share, and whether the call is on hold. Every instance
 * reads the same events, so every instance holds the same roster. Bounded: the least recently touched
 * calls are forgotten first, an ended call at once. Calls created before this instance started are
 * known only from their next join. Not thread-safe: the event consumer's thread alone uses it.
 */
final class CallRoster {

  static final int REMEMBERED = 100_000;

  /** A participant as the parties are told of it. */
  record Participant(String id, ParticipantRole role, String displayName, boolean audio, boolean video,
      boolean screenShare) {

    static Participant joining(String id, ParticipantRole role) {
      return new Participant(id, role, null, true, false, false);
    }

    Participant with(Boolean audio, Boolean video, Boolean screenShare) {
      return new Participant(id, role, displayName, audio == null ? this.audio : audio,
          video == null ? this.video : video, screenShare == null ? this.screenShare : screenShare);
    }
  }

  /** One call: its customer's token subject (null for a caller without one), its participants, its hold. */
  static final class Call {
    private final String customerSubject;
    /** Everyone the call has known, present or not, by id, in the order they came. */
    private final Map<String, Participant> known = new LinkedHashMap<>();
    private final Map<String, Participant> present = new LinkedHashMap<>();
    private boolean onHold;

    private Call(String customerSubject) {
      this.customerSubject = customerSubject;
    }

    String customerSubject() {
      return customerSubject;
    }

    boolean onHold() {
      return onHold;
    }

    void onHold(boolean onHold) {
      this.onHold = onHold;
    }

    List<Participant> present() {
      return List.copyOf(present.values());
    }

    boolean isPresent(String id) {
      return present.containsKey(id);
    }

    Optional<Participant> known(String id) {
      return Optional.ofNullable(known.get(id));
    }

    /** Puts the participant in the call; false when it was already there. */
    boolean join(Participant participant) {
      known.put(participant.id(), participant);
      return present.put(participant.id(), participant) == null;
    }

    /** Takes the participant out of the call; empty when it was not there. */
    Optional<Participant> leave(String id) {
      return Optional.ofNullable(present.remove(id));
    }

    /** Records a change of media, of a participant present or not (yet). */
    void update(Participant participant) {
      known.put(participant.id(), participant);
      present.computeIfPresent(participant.id(), (id, old) -> participant);
    }

    /** The present participants of a role. */
    List<Participant> present(ParticipantRole role) {
      List<Participant> of = new ArrayList<>();
      present.values().forEach(p -> {
        if (p.role() == role) {
          of.add(p);
        }
      });
      return of;
    }
  }

  private record CallKey(String tenantId, String callId) {}

  private final Map<CallKey, Call> calls;

  CallRoster(int remembered) {
    calls = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<CallKey, Call> eldest) {
        return size() > remembered;
      }
    };
  }

  /** A new call: its customer is in it from the start. */
  Call created(String tenantId, String callId, String customerSubject, Participant customer) {
    Call call = new Call(customerSubject);
    call.join(customer);
    calls.put(new CallKey(tenantId, callId), call);
    return call;
  }

  Optional<Call> find(String tenantId, String callId) {
    return Optional.ofNullable(calls.get(new CallKey(tenantId, callId)));
  }

  /** The call, begun here with nobody in it when this instance did not see it created. */
  Call findOrStart(String tenantId, String callId) {
    return calls.computeIfAbsent(new CallKey(tenantId, callId), key -> new Call(null));
  }

  Optional<Call> ended(String tenantId, String callId) {
    return Optional.ofNullable(calls.remove(new CallKey(tenantId, callId)));
  }

  int size() {
    return calls.size();
  }
}
