package io.switchboard.media.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.sip.registrar.BindingTable.ContactUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BindingTableTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private static final String AOR = "sip:alice@acme.example";
  private final BindingTable table = new BindingTable(3);

  @Test
  void severalContactsPerAgentEachWithItsOwnExpiry() {
    register(List.of(new ContactUpdate("sip:alice@10.0.0.1", 60)), "c1", 1, T0);
    BindingTable.Outcome second = register(List.of(new ContactUpdate("sip:alice@10.0.0.2", 120)), "c2", 1, T0);

    assertThat(second.change().added()).containsExactly("sip:alice@10.0.0.2");
    assertThat(second.change().after().contacts()).extracting(Binding::contact)
        .containsExactly("sip:alice@10.0.0.1", "sip:alice@10.0.0.2");
  }

  @Test
  void aRefreshMovesTheExpiryAndAddsNothing() {
    register(List.of(new ContactUpdate("sip:alice@10.0.0.1", 60)), "c1", 1, T0);
    BindingTable.Outcome refresh =
        register(List.of(new ContactUpdate("sip:alice@10.0.0.1", 60)), "c1", 2, T0.plusSeconds(50));

    assertThat(refresh.change().added()).isEmpty();
    assertThat(table.expire(T0.plusSeconds(61))).isEmpty();
    assertThat(table.find("acme", "agent-1").orElseThrow().contacts()).hasSize(1);
    assertThat(table.expire(T0.plusSeconds(110))).singleElement()
        .satisfies(change -> assertThat(change.lastGone()).isTrue());
  }

  @Test
  void expiryRemovesOnlyWhatExpired() {
    register(List.of(new ContactUpdate("sip:alice@10.0.0.1", 60), new ContactUpdate("sip:alice@10.0.0.2", 120)),
        "c1", 1, T0);

    List<BindingTable.Change> first = table.expire(T0.plusSeconds(60));

    assertThat(first).singleElement().satisfies(change -> {
      assertThat(change.lastGone()).isFalse();
      assertThat(change.after().contacts()).extracting(Binding::contact).containsExactly("sip:alice@10.0.0.2");
    });
    assertThat(table.expire(T0.plusSeconds(90))).isEmpty();
    assertThat(table.expire(T0.plusSeconds(120))).singleElement()
        .satisfies(change -> assertThat(change.lastGone()).isTrue());
    assertThat(table.agents()).isZero();
  }

  @Test
  void expiresZeroRemovesOneContactAndTheWildcardRemovesAll() {
    register(List.of(new ContactUpdate("sip:alice@10.0.0.1", 60), new ContactUpdate("sip:alice@10.0.0.2", 60)),
        "c1", 1, T0);

    BindingTable.Outcome one = register(List.of(new ContactUpdate("sip:alice@10.0.0.1", 0)), "c1", 2, T0);
    assertThat(one.change().after().contacts()).extracting(Binding::contact).containsExactly("sip:alice@10.0.0.2");
    assertThat(one.change().lastGone()).isFalse();

    BindingTable.Outcome all =
        table.register("acme", "agent-1", AOR, List.of(), true, "c1", 3, T0, "bridge-1");
    assertThat(all.change().lastGone()).isTrue();
    assertThat(table.find("acme", "agent-1")).isEmpty();
  }

  @Test
  void anOlderOrRepeatedCseqOfTheSameCallIdIsRefused() {
    register(List.of(new ContactUpdate("sip:alice@10.0.0.1", 60)), "c1", 5, T0);

    assertThat(register(List.of(new ContactUpdate("sip:alice@10.0.0.1", 0)), "c1", 5, T0).refusal())
        .isEqualTo(BindingTable.Refusal.OUT_OF_ORDER);
    assertThat(table.register("acme", "agent-1", AOR, List.of(), true, "c1", 4, T0, "bridge-1").refusal())
        .isEqualTo(BindingTable.Refusal.OUT_OF_ORDER);
    // Another Call-ID (the phone restarted) may change it whatever its CSeq.
    assertThat(register(List.of(new ContactUpdate("sip:alice@10.0.0.1", 0)), "c2", 1, T0).refusal()).isNull();
  }

  @Test
  void moreContactsThanAllowedAreRefusedAndNothingIsApplied() {
    register(List.of(new ContactUpdate("sip:a@1", 60), new ContactUpdate("sip:a@2", 60), new ContactUpdate("sip:a@3", 60)),
        "c1", 1, T0);

    assertThat(register(List.of(new ContactUpdate("sip:a@4", 60)), "c1", 2, T0).refusal())
        .isEqualTo(BindingTable.Refusal.TOO_MANY_CONTACTS);
    assertThat(table.find("acme", "agent-1").orElseThrow().contacts()).hasSize(3);
  }

  @Test
  void anOlderCopyFromKafkaDoesNotReplaceNewerBindings() {
    register(List.of(new ContactUpdate("sip:alice@10.0.0.1", 60)), "c1", 1, T0.plusSeconds(10));
    AgentBindings older = new AgentBindings("acme", "agent-1", AOR,
        List.of(new Binding("sip:alice@10.0.0.9", T0.plusSeconds(60), "c0", 1)), "bridge-2", T0);

    table.replace("acme/agent-1", older, T0);
    assertThat(table.find("acme", "agent-1").orElseThrow().contacts()).extracting(Binding::contact)
        .containsExactly("sip:alice@10.0.0.1");

    table.replace("acme/agent-1", null, T0.plusSeconds(20));
    assertThat(table.find("acme", "agent-1")).isEmpty();
  }

  private BindingTable.Outcome register(List<ContactUpdate> updates, String callId, long cseq, Instant now) {
    return table.register("acme", "agent-1", AOR, updates, false, callId, cseq, now, "bridge-1");
  }

  @Test
  void bindingsPublishedByAnotherInstanceExpireHereToo() {
    table.replace("acme/agent-2", new AgentBindings("acme", "agent-2", "sip:bob@acme.example",
        List.of(new Binding("sip:bob@10.0.0.3", T0.plus(Duration.ofSeconds(30)), "c9", 1)), "bridge-2", T0), T0);

    assertThat(table.expire(T0.plusSeconds(30))).singleElement()
        .satisfies(change -> assertThat(change.before().owner()).isEqualTo("bridge-2"));
  }
}
