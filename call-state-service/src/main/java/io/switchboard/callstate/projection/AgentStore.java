package io.switchboard.callstate.projection;

import io.r2dbc.postgresql.codec.Json;
import io.switchboard.callstate.projection.AgentFold.HistoryLine;
import io.switchboard.callstate.projection.AgentRow.AgentSkill;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code agents} rows and their {@code agent_status_history}. */
final class AgentStore {

  private static final TypeReference<List<AgentSkill>> SKILLS = new TypeReference<>() {};

  private static final String SELECT_KNOWN = "SELECT event_id FROM agent_status_history WHERE event_id = ANY($1::uuid[])";

  private static final String SELECT_AGENTS = """
      SELECT * FROM agents
      WHERE (tenant_id, agent_id) IN (SELECT t, a FROM unnest($1::text[], $2::text[]) AS k(t, a))""";

  private static final String UPSERT_AGENT = """
      INSERT INTO agents (tenant_id, agent_id, display_name, status, status_reason, skills, queues, capacity, channel,
                          contact, last_event_id, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
      ON CONFLICT (tenant_id, agent_id) DO UPDATE SET
        display_name = EXCLUDED.display_name, status = EXCLUDED.status, status_reason = EXCLUDED.status_reason,
        skills = EXCLUDED.skills, queues = EXCLUDED.queues, capacity = EXCLUDED.capacity,
        channel = EXCLUDED.channel, contact = EXCLUDED.contact, last_event_id = EXCLUDED.last_event_id,
        updated_at = EXCLUDED.updated_at""";

  private static final String INSERT_HISTORY = """
      INSERT INTO agent_status_history (event_id, tenant_id, agent_id, type, status, reason, occurred_at, applied)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (event_id) DO NOTHING""";

  private final DatabaseClient db;
  private final JsonMapper json;

  AgentStore(DatabaseClient db, JsonMapper json) {
    this.db = db;
    this.json = json;
  }

  /** Which of these events were projected before. */
  Mono<Set<UUID>> known(Collection<UUID> eventIds) {
    if (eventIds.isEmpty()) {
      return Mono.just(Set.of());
    }
    String[] ids = eventIds.stream().map(UUID::toString).toArray(String[]::new);
    return db.sql(SELECT_KNOWN).bind(0, ids).map((row, meta) -> row.get(0, UUID.class)).all()
        .collect(HashSet::new, Set::add);
  }

  Mono<Map<AgentKey, AgentRow>> load(Collection<AgentKey> agents) {
    if (agents.isEmpty()) {
      return Mono.just(Map.of());
    }
    String[] tenants = agents.stream().map(AgentKey::tenantId).toArray(String[]::new);
    String[] agentIds = agents.stream().map(AgentKey::agentId).toArray(String[]::new);
    return db.sql(SELECT_AGENTS).bind(0, tenants).bind(1, agentIds).map((row, meta) -> read(row)).all()
        .collectMap(row -> new AgentKey(row.tenantId(), row.agentId()));
  }

  Mono<Void> save(Collection<AgentRow> agents, List<HistoryLine> history) {
    List<Object[]> agentRows = new ArrayList<>(agents.size());
    for (AgentRow agent : agents) {
      agentRows.add(new Object[] {agent.tenantId(), agent.agentId(), text(agent.displayName()), agent.status(),
          text(agent.statusReason()), Json.of(json.writeValueAsString(agent.skills())),
          agent.queues().toArray(String[]::new), agent.capacity(), text(agent.channel()), text(agent.contact()),
          Statements.orNull(agent.lastEventId(), UUID.class), agent.updatedAt()});
    }
    List<Object[]> historyRows = new ArrayList<>(history.size());
    for (HistoryLine line : history) {
      historyRows.add(new Object[] {line.eventId(), line.tenantId(), line.agentId(), line.type(), line.status(),
          text(line.reason()), line.occurredAt(), line.applied()});
    }
    return Statements.update(db, UPSERT_AGENT, agentRows)
        .thenMany(Statements.update(db, INSERT_HISTORY, historyRows))
        .then();
  }

  private AgentRow read(Readable row) {
    String[] queues = row.get("queues", String[].class);
    return new AgentRow(row.get("tenant_id", String.class), row.get("agent_id", String.class),
        row.get("display_name", String.class), row.get("status", String.class),
        row.get("status_reason", String.class), json.readValue(row.get("skills", Json.class).asString(), SKILLS),
        queues == null ? List.of() : Arrays.asList(queues), row.get("capacity", Integer.class),
        row.get("channel", String.class), row.get("contact", String.class), row.get("last_event_id", UUID.class),
        row.get("updated_at", Instant.class));
  }

  private static Object text(String value) {
    return Statements.orNull(value, String.class);
  }
}
