package io.switchboard.routing.queue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Store form of {@link AgentState}, format 1. */
final class AgentStateCodec extends StoreValueCodec<AgentState> {

  AgentStateCodec() {
    super(1);
  }

  @Override
  void write(AgentState agent, DataOutputStream out) throws IOException {
    writeString(out, agent.agentId());
    writeList(out, agent.queues());
    out.writeInt(agent.capacity());
    out.writeBoolean(agent.available());
    out.writeLong(agent.idleSince());
    writeList(out, agent.calls());
    writeList(out, agent.offers());
  }

  @Override
  AgentState read(int version, DataInputStream in) throws IOException {
    return new AgentState(readString(in), readList(in), in.readInt(), in.readBoolean(), in.readLong(),
        readList(in), readList(in));
  }
}
