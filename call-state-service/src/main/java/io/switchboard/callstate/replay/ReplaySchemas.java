package io.switchboard.callstate.replay;

import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The schemas of a replay: the new tables are made in the rebuild schema by the same Flyway
 * migrations as the live ones, and swapped with the live tables in one transaction. The swap moves
 * each table and view ({@code ALTER … SET SCHEMA}) rather than renaming schemas, because moving a
 * relation invalidates the plans PostgreSQL cached for it: statements the service prepared against
 * the old tables are planned again against the new ones.
 */
final class ReplaySchemas {

  private static final Logger log = LoggerFactory.getLogger(ReplaySchemas.class);

  /** A relation to move, and the word ALTER needs for it. */
  private record Relation(String name, String kind) {}

  private static final String RELATIONS = """
      SELECT c.relname, c.relkind::text AS relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relname <> 'flyway_schema_history'
      ORDER BY c.relname""";

  private final DatabaseClient live;
  private final TransactionalOperator transaction;
  private final MigrationSettings migrations;
  private final ReplayProperties properties;

  /** Where Flyway finds the database and the migrations. */
  record MigrationSettings(String url, String user, String password, List<String> locations) {}

  ReplaySchemas(DatabaseClient live, TransactionalOperator transaction, MigrationSettings migrations,
      ReplayProperties properties) {
    this.live = live;
    this.transaction = transaction;
    this.migrations = migrations;
    this.properties = properties;
  }

  /** The schema the live tables are in: the first of the service's search path. */
  Mono<String> liveSchema() {
    return live.sql("SELECT current_schema() AS schema").map(row -> row.get("schema", String.class)).one();
  }

  /** Drops what a replay that did not finish left, and makes empty tables in the rebuild schema. Blocking. */
  void prepare() {
    dropRebuild().block(Duration.ofMinutes(5));
    Flyway.configure()
        .dataSource(migrations.url(), migrations.user(), migrations.password())
        .schemas(properties.rebuildSchema())
        .defaultSchema(properties.rebuildSchema())
        .createSchemas(true)
        .locations(migrations.locations().toArray(String[]::new))
        .load()
        .migrate();
    log.info("Replay tables made in schema {}", properties.rebuildSchema());
  }

  /**
   * In one transaction: the previous retired tables are dropped, the live ones moved to the retired
   * schema, the rebuilt ones moved into the live schema.
   */
  Mono<Void> swap(String liveSchema) {
    String rebuild = properties.rebuildSchema();
    String retired = properties.retiredSchema();
    Mono<Void> swap = execute("SET LOCAL lock_timeout = '" + properties.lockTimeout().toMillis() + "ms'")
        .then(execute("DROP SCHEMA IF EXISTS " + retired + " CASCADE"))
        .then(execute("CREATE SCHEMA " + retired))
        .thenMany(relations(rebuild))
        .collectList()
        .flatMap(relations -> Flux.fromIterable(relations)
            .concatMap(relation -> relations(liveSchema).filter(r -> r.name().equals(relation.name()))
                .concatMap(old -> move(liveSchema, old, retired)))
            .thenMany(Flux.fromIterable(relations).concatMap(relation -> move(rebuild, relation, liveSchema)))
            .then())
        .then(execute("DROP SCHEMA " + rebuild + " CASCADE"));
    return transaction.transactional(swap);
  }

  /** Drops the rebuild schema and everything in it, if there is one. */
  Mono<Void> dropRebuild() {
    return execute("DROP SCHEMA IF EXISTS " + properties.rebuildSchema() + " CASCADE");
  }

  /** Drops the tables the last switch-over replaced; returns whether there were any. */
  Mono<Boolean> dropRetired() {
    return live.sql("SELECT count(*) AS n FROM pg_namespace WHERE nspname = $1").bind(0, properties.retiredSchema())
        .map(row -> row.get("n", Long.class)).one()
        .flatMap(n -> n == 0 ? Mono.just(false)
            : execute("DROP SCHEMA " + properties.retiredSchema() + " CASCADE").thenReturn(true));
  }

  private Flux<Relation> relations(String schema) {
    return live.sql(RELATIONS).bind(0, schema)
        .map(row -> new Relation(row.get("relname", String.class), kind(row.get("relkind", String.class))))
        .all();
  }

  private Mono<Void> move(String from, Relation relation, String to) {
    return execute("ALTER " + relation.kind() + " " + quote(from) + "." + quote(relation.name()) + " SET SCHEMA "
        + quote(to));
  }

  private Mono<Void> execute(String sql) {
    return live.sql(sql).then();
  }

  private static String kind(String relkind) {
    switch (relkind) {
      case "v":
        return "VIEW";
      case "m":
        return "MATERIALIZED VIEW";
      default:
        return "TABLE";
    }
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
