package io.switchboard.routing.queue;

import io.switchboard.routing.store.StoreValueCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Store form of {@link AgentState}: format 2 adds skills, offline, counters and wrap-up; format 1 still reads. */
final class AgentStateCodec extends StoreValueCodec<AgentState> {

  AgentStateCodec() {
    super(2);
  }

  @Override
  protected void write(AgentState agent, DataOutputStream out) throws IOException {
    writeString(out, agent.agentId());
    writeList(out, agent.queues());
    out.writeInt(agent.capacity());
    out.writeBoolean(agent.available());
    out.writeLong(agent.idleSince());
    writeList(out, agent.calls());
    writeList(out, agent.offers());
    out.writeInt(agent.skills().size());
    for (Map.Entry<String, Integer> skill : agent.skills().entrySet()) {
      writeString(out, skill.getKey());
      out.writeInt(skill.getValue());
    }
    out.writeBoolean(agent.offline());
    out.writeInt(agent.handled());
    out.writeLong(agent.talkMs());
    out.writeInt(agent.missed());
    out.writeLong(agent.wrapUpUntil());
  }

  @Override
  protected AgentState read(int version, DataInputStream in) throws IOException {
    String agentId = readString(in);
    var queues = readList(in);
    int capacity = in.readInt();
    boolean available = in.readBoolean();
    long idleSince = in.readLong();
    var calls = readList(in);
    var offers = readList(in);
    if (version == 1) {
      return new AgentState(agentId, queues, Map.of(), capacity, available, !available, idleSince, calls, offers,
          0, 0, 0, 0);
    }
    int skillCount = in.readInt();
    Map<String, Integer> skills = new LinkedHashMap<>();
    for (int i = 0; i < skillCount; i++) {
      skills.put(readString(in), in.readInt());
    }
    return new AgentState(agentId, queues, skills, capacity, available, in.readBoolean(), idleSince, calls, offers,
        in.readInt(), in.readLong(), in.readInt(), in.readLong());
  }
}
