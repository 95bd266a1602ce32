package io.switchboard.gateway.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.gateway.web.TestWeb;
import io.switchboard.schemas.avro.PriorityRule;
import io.switchboard.schemas.avro.PriorityRuleMatch;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.QueueLimitAction;
import io.switchboard.schemas.avro.RoutingStrategy;
import io.switchboard.schemas.avro.SkillRelaxationStep;
import io.switchboard.schemas.avro.SkillRequirement;
import io.switchboard.schemas.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class QueueConfigMapperTest {

  private final EventFactory events = new EventFactory(TestWeb.CLOCK, TestWeb.SOURCE);
  private final QueueConfigParser parser = new QueueConfigParser(JsonMapper.builder().build());

  private QueueConfig map(String name, String json) {
    return QueueConfigMapper.toConfig(events.queueConfig("acme", name), parser.parse(json));
  }

  @Test
  void anEmptyBodyTakesEverySchemaDefault() {
    QueueConfig config = map("sales", "{}");

    // The schema's defaults, as the routing engine would resolve an old record.
    QueueConfig schemaDefaults = QueueConfig.newBuilder().setEventId(config.getEventId()).setTenantId("acme")
        .setOccurredAt(TestWeb.NOW).setSource(TestWeb.SOURCE).setQueue("sales").build();
    assertThat(config).isEqualTo(schemaDefaults);
    assertThat(config.getStrategy()).isEqualTo(RoutingStrategy.LONGEST_IDLE);
    assertThat(config.getPriorityRules()).isNull();
    assertThat(config.getOccurredAt()).isEqualTo(TestWeb.NOW.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    Topics.QUEUE_CONFIG.valueSerde().encode(config);
  }

  @Test
  void everyFieldIsMapped() {
    QueueConfig config = map("vip", """
        {"strategy":"BEST_SKILL_MATCH","priorityBase":200,"capacity":50,"maxWaitSeconds":120,
         "maxWaitNoAgentSeconds":30,"overflowQueue":"premium","serviceLevelSeconds":10,"wrapUpSeconds":15,
         "reservationTimeoutSeconds":12,"maxNoAnswer":2,"requiredSkills":[{"name":" english ","minLevel":7},{"name":"billing"}],
         "agingPointsPerMinute":5,"priorityRules":[{"match":"TAG","name":"urgent","points":75},
           {"name":"tier","value":"gold","points":40},{"match":"DIRECTION","name":"INBOUND","points":-5}],
         "maxWaitAction":"OVERFLOW","noAgentAction":"CALLBACK",
         "skillRelaxation":[{"afterSeconds":30,"minLevelDelta":2},{"afterSeconds":90,"anyAgent":true}],
         "rejectDelaySeconds":10,"ringAllAgents":3,"preferredAgentTimeoutSeconds":25,"randomSeed":42}""");

    assertThat(config.getQueue()).isEqualTo("vip");
    assertThat(config.getTenantId()).isEqualTo("acme");
    assertThat(config.getSource()).isEqualTo(TestWeb.SOURCE);
    assertThat(config.getStrategy()).isEqualTo(RoutingStrategy.BEST_SKILL_MATCH);
    assertThat(config.getPriorityBase()).isEqualTo(200);
    assertThat(config.getCapacity()).isEqualTo(50);
    assertThat(config.getMaxWaitSeconds()).isEqualTo(120);
    assertThat(config.getMaxWaitNoAgentSeconds()).isEqualTo(30);
    assertThat(config.getOverflowQueue()).isEqualTo("premium");
    assertThat(config.getServiceLevelSeconds()).isEqualTo(10);
    assertThat(config.getWrapUpSeconds()).isEqualTo(15);
    assertThat(config.getReservationTimeoutSeconds()).isEqualTo(12);
    assertThat(config.getMaxNoAnswer()).isEqualTo(2);
    assertThat(config.getRequiredSkills()).containsExactly(
        new SkillRequirement("english", 7), new SkillRequirement("billing", 1));
    assertThat(config.getAgingPointsPerMinute()).isEqualTo(5);
    assertThat(config.getPriorityRules()).containsExactly(
        new PriorityRule(PriorityRuleMatch.TAG, "urgent", null, 75),
        new PriorityRule(PriorityRuleMatch.ATTRIBUTE, "tier", "gold", 40),
        new PriorityRule(PriorityRuleMatch.DIRECTION, "INBOUND", null, -5));
    assertThat(config.getMaxWaitAction()).isEqualTo(QueueLimitAction.OVERFLOW);
    assertThat(config.getNoAgentAction()).isEqualTo(QueueLimitAction.CALLBACK);
    assertThat(config.getSkillRelaxation()).containsExactly(
        new SkillRelaxationStep(30, 2, false), new SkillRelaxationStep(90, 0, true));
    assertThat(config.getRejectDelaySeconds()).isEqualTo(10);
    assertThat(config.getRingAllAgents()).isEqualTo(3);
    assertThat(config.getPreferredAgentTimeoutSeconds()).isEqualTo(25);
    assertThat(config.getRandomSeed()).isEqualTo(42L);
  }

  @Test
  void theViewShowsTheStoredConfigWithItsDefaults() {
    QueueView view = QueueView.of(map("general", "{\"priorityRules\":[]}"));

    assertThat(view.name()).isEqualTo("general");
    assertThat(view.strategy()).isEqualTo("LONGEST_IDLE");
    assertThat(view.priorityBase()).isEqualTo(100);
    assertThat(view.capacity()).isNull();
    assertThat(view.serviceLevelSeconds()).isEqualTo(20);
    assertThat(view.reservationTimeoutSeconds()).isEqualTo(15);
    assertThat(view.maxNoAnswer()).isEqualTo(3);
    assertThat(view.priorityRules()).isEmpty();
    assertThat(view.maxWaitAction()).isEqualTo("END");
    assertThat(view.preferredAgentTimeoutSeconds()).isEqualTo(20);
    assertThat(view.updatedBy()).isEqualTo(TestWeb.SOURCE);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"strategy\":\"FASTEST\"}|strategy must be one of LONGEST_IDLE, ROUND_ROBIN, FEWEST_CALLS, LEAST_TALK_TIME, BEST_SKILL_MATCH, RANDOM, RING_ALL, got 'FASTEST'",
      "{\"maxWaitAction\":\"HANGUP\"}|maxWaitAction must be one of OVERFLOW, CALLBACK, END, got 'HANGUP'",
      "{\"noAgentAction\":\"end\"}|noAgentAction must be one of OVERFLOW, CALLBACK, END, got 'end'",
      "{\"priorityRules\":[{\"match\":\"HEADER\",\"name\":\"x\",\"points\":1}]}|priorityRules[0].match must be one of ATTRIBUTE, TAG, DIRECTION",
      "{\"priorityRules\":[{\"name\":\"vip\"}]}|priorityRules[0].points is required",
      "{\"priorityRules\":[{\"match\":\"TAG\",\"name\":\" \",\"points\":1}]}|priorityRules[0].name must not be blank",
      "{\"priorityRules\":[{\"match\":\"DIRECTION\",\"name\":\"UP\",\"points\":1}]}|priorityRules[0].name must be INBOUND, OUTBOUND or INTERNAL",
      "{\"priorityRules\":[{\"match\":\"TAG\",\"name\":\"a\",\"value\":\"b\",\"points\":1}]}|priorityRules[0].value applies only to ATTRIBUTE rules",
      "{\"requiredSkills\":[{\"name\":\"english\",\"minLevel\":11}]}|requiredSkills[0].minLevel must be between 1 and 10, got 11",
      "{\"requiredSkills\":[{\"name\":\"english\",\"minLevel\":0}]}|requiredSkills[0].minLevel must be between 1 and 10, got 0",
      "{\"requiredSkills\":[{\"minLevel\":3}]}|requiredSkills[0].name must not be blank",
      "{\"requiredSkills\":[{\"name\":\"a\"},{\"name\":\"a\"}]}|requiredSkills[1].name 'a' is required twice",
      "{\"maxWaitSeconds\":-1}|maxWaitSeconds must be at least 0, got -1",
      "{\"maxWaitNoAgentSeconds\":-5}|maxWaitNoAgentSeconds must be at least 0, got -5",
      "{\"wrapUpSeconds\":-1}|wrapUpSeconds must be at least 0, got -1",
      "{\"rejectDelaySeconds\":-1}|rejectDelaySeconds must be at least 0, got -1",
      "{\"preferredAgentTimeoutSeconds\":-1}|preferredAgentTimeoutSeconds must be at least 0, got -1",
      "{\"serviceLevelSeconds\":0}|serviceLevelSeconds must be at least 1, got 0",
      "{\"reservationTimeoutSeconds\":0}|reservationTimeoutSeconds must be at least 1, got 0",
      "{\"maxNoAnswer\":0}|maxNoAnswer must be at least 1, got 0",
      "{\"ringAllAgents\":-1}|ringAllAgents must be at least 0, got -1",
      "{\"capacity\":0}|capacity must be at least 1, got 0",
      "{\"priorityBase\":-1}|priorityBase must be between 0 and 1000000, got -1",
      "{\"agingPointsPerMinute\":-2}|agingPointsPerMinute must be between 0 and 1000000, got -2",
      "{\"overflowQueue\":\"sales\"}|overflowQueue must differ from the queue itself",
      "{\"overflowQueue\":\"a/b\"}|overflowQueue must match [A-Za-z0-9_.-]{1,64}",
      "{\"maxWaitSeconds\":60,\"maxWaitAction\":\"OVERFLOW\"}|maxWaitAction OVERFLOW needs an overflowQueue",
      "{\"noAgentAction\":\"OVERFLOW\"}|noAgentAction OVERFLOW needs an overflowQueue",
      "{\"skillRelaxation\":[{\"afterSeconds\":60},{\"afterSeconds\":30}]}|skillRelaxation[1].afterSeconds must be greater than the step before (60), got 30",
      "{\"skillRelaxation\":[{\"afterSeconds\":60},{\"afterSeconds\":60}]}|skillRelaxation[1].afterSeconds must be greater than the step before (60), got 60",
      "{\"skillRelaxation\":[{\"minLevelDelta\":1}]}|skillRelaxation[0].afterSeconds is required",
      "{\"skillRelaxation\":[{\"afterSeconds\":-1}]}|skillRelaxation[0].afterSeconds must be at least 0, got -1",
      "{\"skillRelaxation\":[{\"afterSeconds\":5,\"minLevelDelta\":10}]}|skillRelaxation[0].minLevelDelta must be between 0 and 9, got 10"})
  void anInvalidConfigIsRefusedWithAClearMessage(String body, String message) {
    assertThatThrownBy(() -> map("sales", body))
        .isInstanceOf(ApiException.class)
        .hasMessageStartingWith("Invalid queue config: ")
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((ApiException) e).status().value()).isEqualTo(400));
  }

  @Test
  void unreadableValuesAreReportedBeforeTheRulesAreChecked() {
    assertThatThrownBy(() -> map("sales", "{\"maxNoAnswer\":0,\"strategy\":\"X\",\"requiredSkills\":[null]}"))
        .hasMessageContaining("strategy must be one of")
        .hasMessageContaining("requiredSkills[0] must not be null")
        .hasMessageNotContaining("maxNoAnswer");
  }

  @Test
  void everyBrokenRuleIsListedAtOnce() {
    assertThatThrownBy(() -> map("sales", "{\"maxNoAnswer\":0,\"wrapUpSeconds\":-1}"))
        .hasMessage("Invalid queue config: wrapUpSeconds must be at least 0, got -1; "
            + "maxNoAnswer must be at least 1, got 0");
  }

  @Test
  void theQueueNameIsChecked() {
    assertThatThrownBy(() -> map("a:b", "{}")).hasMessageContaining("queue name must match [A-Za-z0-9_.-]{1,64}");
    assertThatThrownBy(() -> map("x".repeat(65), "{}")).isInstanceOf(ApiException.class);
    assertThat(map("x".repeat(64), "{}").getQueue()).hasSize(64);
  }

  @Test
  void overflowActionsAreAcceptedWithAnOverflowQueue() {
    QueueConfig config = map("sales", "{\"maxWaitAction\":\"OVERFLOW\",\"noAgentAction\":\"OVERFLOW\",\"overflowQueue\":\"general\"}");
    assertThat(config.getOverflowQueue()).isEqualTo("general");
  }

  /** Copies of the example configurations in docs/gateway.md: they must stay valid. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "vip|{\"strategy\":\"BEST_SKILL_MATCH\",\"priorityBase\":200,\"capacity\":20,\"maxWaitSeconds\":60,\"maxWaitAction\":\"OVERFLOW\",\"overflowQueue\":\"premium\",\"maxWaitNoAgentSeconds\":10,\"noAgentAction\":\"OVERFLOW\",\"serviceLevelSeconds\":10,\"wrapUpSeconds\":30,\"reservationTimeoutSeconds\":12,\"maxNoAnswer\":2,\"requiredSkills\":[{\"name\":\"english\",\"minLevel\":7},{\"name\":\"billing\",\"minLevel\":5}],\"agingPointsPerMinute\":10,\"priorityRules\":[{\"match\":\"ATTRIBUTE\",\"name\":\"vip\",\"value\":\"true\",\"points\":50},{\"match\":\"TAG\",\"name\":\"escalation\",\"points\":100}],\"preferredAgentTimeoutSeconds\":30}",
      "premium|{\"strategy\":\"LONGEST_IDLE\",\"priorityBase\":150,\"capacity\":100,\"maxWaitSeconds\":300,\"maxWaitAction\":\"CALLBACK\",\"overflowQueue\":\"general\",\"maxWaitNoAgentSeconds\":60,\"noAgentAction\":\"OVERFLOW\",\"serviceLevelSeconds\":20,\"wrapUpSeconds\":20,\"requiredSkills\":[{\"name\":\"english\",\"minLevel\":5}],\"skillRelaxation\":[{\"afterSeconds\":30,\"minLevelDelta\":2},{\"afterSeconds\":120,\"anyAgent\":true}],\"agingPointsPerMinute\":5,\"rejectDelaySeconds\":10}",
      "general|{\"strategy\":\"ROUND_ROBIN\",\"capacity\":500,\"maxWaitSeconds\":900,\"maxWaitAction\":\"CALLBACK\",\"maxWaitNoAgentSeconds\":120,\"noAgentAction\":\"END\",\"serviceLevelSeconds\":60,\"wrapUpSeconds\":10,\"agingPointsPerMinute\":2}"})
  void theDocumentedExamplesAreValid(String name, String body) {
    QueueConfig config = map(name, body);
    assertThat(config.getQueue()).isEqualTo(name);
  }
}
