package io.switchboard.callstate.projection;

import io.r2dbc.postgresql.codec.Json;
import io.switchboard.callstate.projection.AgentFold.HistoryLine;
import io.switchboard.callstate.projection.AgentRow.AgentSkill;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
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

  // One statement per batch for both tables, the rows as arrays (see Statements): the history lines
  // in a data-modifying WITH, the agents' rows (one per agent: DO UPDATE must not meet a key twice)
  // after it. Skills and queues travel as JSON text.
  private static final String SAVE = """
      WITH history AS (
        INSERT INTO agent_status_history (event_id, tenant_id, agent_id, type, status, reason, occurred_at, applied)
        SELECT * FROM unnest($13::uuid[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[],
                             $19::timestamptz[], $20::boolean[])
        ON CONFLICT (event_id) DO NOTHING)
      INSERT INTO agents (tenant_id, agent_id, display_name, status, status_reason, skills, queues, capacity, channel,
                          contact, last_event_id, updated_at)
      SELECT u.tenant_id, u.agent_id, u.display_name, u.status, u.status_reason, u.skills::jsonb,
             ARRAY(SELECT jsonb_array_elements_text(u.queues::jsonb)), u.capacity, u.channel, u.contact,
             u.last_event_id, u.updated_at
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[],
                  $9::text[], $10::text[], $11::uuid[], $12::timestamptz[])
           AS u(tenant_id, agent_id, display_name, status, status_reason, skills, queues, capacity, channel, contact,
                last_event_id, updated_at)
      ON CONFLICT (tenant_id, agent_id) DO UPDATE SET
        display_name = EXCLUDED.display_name, status = EXCLUDED.status, status_reason = EXCLUDED.status_reason,
        skills = EXCLUDED.skills, queues = EXCLUDED.queues, capacity = EXCLUDED.capacity,
        channel = EXCLUDED.channel, contact = EXCLUDED.contact, last_event_id = EXCLUDED.last_event_id,
        updated_at = EXCLUDED.updated_at""";

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

  /** Writes the agents' rows and their new history lines, in one statement; both non-empty. */
  Mono<Void> save(Collection<AgentRow> agents, List<HistoryLine> lines) {
    List<AgentRow> rows = List.copyOf(agents);
    return db.sql(SAVE)
        .bind(0, Statements.column(rows, AgentRow::tenantId, String[]::new))
        .bind(1, Statements.column(rows, AgentRow::agentId, String[]::new))
        .bind(2, Statements.column(rows, AgentRow::displayName, String[]::new))
        .bind(3, Statements.column(rows, AgentRow::status, String[]::new))
        .bind(4, Statements.column(rows, AgentRow::statusReason, String[]::new))
        .bind(5, Statements.column(rows, agent -> json.writeValueAsString(agent.skills()), String[]::new))
        .bind(6, Statements.column(rows, agent -> json.writeValueAsString(agent.queues()), String[]::new))
        .bind(7, Statements.column(rows, AgentRow::capacity, Integer[]::new))
        .bind(8, Statements.column(rows, AgentRow::channel, String[]::new))
        .bind(9, Statements.column(rows, AgentRow::contact, String[]::new))
        .bind(10, Statements.column(rows, AgentRow::lastEventId, UUID[]::new))
        .bind(11, Statements.column(rows, agent -> Statements.at(agent.updatedAt()), OffsetDateTime[]::new))
        .bind(12, Statements.column(lines, HistoryLine::eventId, UUID[]::new))
        .bind(13, Statements.column(lines, HistoryLine::tenantId, String[]::new))
        .bind(14, Statements.column(lines, HistoryLine::agentId, String[]::new))
        .bind(15, Statements.column(lines, HistoryLine::type, String[]::new))
        .bind(16, Statements.column(lines, HistoryLine::status, String[]::new))
        .bind(17, Statements.column(lines, HistoryLine::reason, String[]::new))
        .bind(18, Statements.column(lines, line -> Statements.at(line.occurredAt()), OffsetDateTime[]::new))
        .bind(19, Statements.column(lines, HistoryLine::applied, Boolean[]::new))
        .fetch().rowsUpdated().then();
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
}
