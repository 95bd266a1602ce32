package io.switchboard.routing.stats;

import io.switchboard.routing.store.StoreValueCodec;
import io.switchboard.schemas.avro.AgentStatus;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeSet;

/**
 * The codecs of the four value types of the statistics stores, at format version 1, except calls (2:
 * the end's outcome; 3: a contact continued after a transfer to an agent, and a transfer half seen).
 */
final class StatsCodecs {

  private StatsCodecs() {}

  static final class Calls extends StoreValueCodec<TrackedCall> {
    Calls() {
      super(3);
    }

    @Override
    protected void write(TrackedCall call, DataOutputStream out) throws IOException {
      writeString(out, call.queue());
      out.writeLong(call.enteredAt());
      writeString(out, call.phase().name());
      writeString(out, call.agentId());
      out.writeLong(call.talkStartedAt());
      out.writeLong(call.acceptedAt());
      out.writeLong(call.endedAt());
      writeString(out, call.endOutcome());
      out.writeBoolean(call.answeredBefore());
      writeString(out, call.transfer().name());
    }

    @Override
    protected TrackedCall read(int version, DataInputStream in) throws IOException {
      // Version 1 had no outcome, versions 1 and 2 no transfers.
      TrackedCall call = new TrackedCall(readString(in), in.readLong(), TrackedCall.Phase.valueOf(readString(in)),
          readString(in), in.readLong(), in.readLong(), in.readLong(), version >= 2 ? readString(in) : null);
      if (version < 3) {
        return call;
      }
      return new TrackedCall(call.queue(), call.enteredAt(), call.phase(), call.agentId(), call.talkStartedAt(),
          call.acceptedAt(), call.endedAt(), call.endOutcome(), in.readBoolean(),
          TrackedCall.Transfer.valueOf(readString(in)));
    }
  }

  static final class Agents extends StoreValueCodec<TrackedAgent> {
    Agents() {
      super(1);
    }

    @Override
    protected void write(TrackedAgent agent, DataOutputStream out) throws IOException {
      writeList(out, agent.queues());
      writeString(out, agent.reported().name());
      writeList(out, agent.offers());
      writeList(out, agent.calls());
    }

    @Override
    protected TrackedAgent read(int version, DataInputStream in) throws IOException {
      return new TrackedAgent(readList(in), status(readString(in)),
          new TreeSet<>(readList(in)), new TreeSet<>(readList(in)));
    }
  }

  static final class Queues extends StoreValueCodec<QueueState> {
    Queues() {
      super(1);
    }

    @Override
    protected void write(QueueState queue, DataOutputStream out) throws IOException {
      out.writeInt(queue.waiting);
      out.writeLong(queue.latestInterval);
      out.writeLong(queue.lastEmittedAt);
      out.writeInt(queue.agents.size());
      for (Map.Entry<AgentStatus, Integer> entry : queue.agents.entrySet()) {
        writeString(out, entry.getKey().name());
        out.writeInt(entry.getValue());
      }
    }

    @Override
    protected QueueState read(int version, DataInputStream in) throws IOException {
      QueueState queue = new QueueState();
      queue.waiting = in.readInt();
      queue.latestInterval = in.readLong();
      queue.lastEmittedAt = in.readLong();
      int statuses = in.readInt();
      for (int i = 0; i < statuses; i++) {
        queue.addAgent(status(readString(in)), in.readInt());
      }
      return queue;
    }
  }

  static final class Intervals extends StoreValueCodec<IntervalCounts> {
    Intervals() {
      super(1);
    }

    @Override
    protected void write(IntervalCounts counts, DataOutputStream out) throws IOException {
      out.writeInt(counts.offered);
      out.writeInt(counts.answered);
      out.writeInt(counts.abandoned);
      out.writeInt(counts.overflowed);
      out.writeInt(counts.answeredWithinServiceLevel);
      out.writeInt(counts.abandonedAfterServiceLevel);
      out.writeLong(counts.answeredWaitMs);
      out.writeInt(counts.handled);
      out.writeLong(counts.talkMs);
    }

    @Override
    protected IntervalCounts read(int version, DataInputStream in) throws IOException {
      IntervalCounts counts = new IntervalCounts();
      counts.offered = in.readInt();
      counts.answered = in.readInt();
      counts.abandoned = in.readInt();
      counts.overflowed = in.readInt();
      counts.answeredWithinServiceLevel = in.readInt();
      counts.abandonedAfterServiceLevel = in.readInt();
      counts.answeredWaitMs = in.readLong();
      counts.handled = in.readInt();
      counts.talkMs = in.readLong();
      return counts;
    }
  }

  /** A status this release does not know (a newer schema) reads as OFFLINE, the enum's own default. */
  private static AgentStatus status(String name) {
    for (AgentStatus status : AgentStatus.values()) {
      if (status.name().equals(name)) {
        return status;
      }
    }
    return AgentStatus.OFFLINE;
  }
}
