package io.switchboard.gateway.widget;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.security.CustomerKeys;
import io.switchboard.gateway.web.TestWeb;
import io.switchboard.schemas.avro.WidgetKey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WidgetKeysTest {

  private final WidgetKeys keys = new WidgetKeys();
  private final EventFactory events = new EventFactory(TestWeb.CLOCK, TestWeb.SOURCE);

  private WidgetKey key(String tenant, String id, String queue, String... origins) {
    return events.widgetKey(tenant, id).setLabel("shop").setAllowedOrigins(List.of(origins)).setQueue(queue)
        .setCreatedBy("ada").build();
  }

  @Test
  void aKeyIsFoundByTenantAndByIdAndATombstoneRevokesIt() {
    WidgetKey shop = key("acme", "wk_1", "sales", "https://shop.example");
    keys.apply("acme", "wk_1", shop);
    keys.apply("globex", "wk_2", key("globex", "wk_2", null, "https://globex.example"));

    assertThat(keys.find("acme", "wk_1")).contains(shop);
    assertThat(keys.find("globex", "wk_1")).isEmpty();
    assertThat(keys.find("wk_1")).contains(shop);
    assertThat(keys.all("acme")).containsExactly(shop);
    assertThat(keys.active("acme", "wk_1")).contains(
        new CustomerKeys.CustomerKey("acme", "wk_1", Set.of("https://shop.example"), "sales"));
    assertThat(keys.allOrigins()).containsExactlyInAnyOrder("https://shop.example", "https://globex.example");

    keys.apply("acme", "wk_1", null);

    assertThat(keys.find("acme", "wk_1")).isEmpty();
    assertThat(keys.find("wk_1")).isEmpty();
    assertThat(keys.active("acme", "wk_1")).isEmpty();
    assertThat(keys.all("acme")).isEmpty();
    assertThat(keys.allOrigins()).containsExactly("https://globex.example");
  }

  @Test
  void aRecordWhoseKeyDisagreesWithItsValueOrAnotherTenantsIdIsIgnored() {
    keys.apply("acme", "wk_1", key("globex", "wk_1", null, "https://evil.example"));
    keys.apply("acme", "wk_1", key("acme", "wk_9", null, "https://evil.example"));
    keys.apply("acme", "wk_1", key("acme", "wk_1", null, "https://shop.example"));
    keys.apply("globex", "wk_1", key("globex", "wk_1", null, "https://evil.example"));
    keys.apply("globex", "wk_1", null);

    assertThat(keys.find("wk_1")).get().extracting(WidgetKey::getTenantId).isEqualTo("acme");
    assertThat(keys.all("globex")).isEmpty();
    assertThat(keys.allOrigins()).containsExactly("https://shop.example");
  }

  @Test
  void newIdsAreWkAnd24UrlSafeCharacters() {
    String id = WidgetKeyController.newId();

    assertThat(id).matches(WidgetKeyController.KEY_ID.pattern());
    assertThat(WidgetKeyController.newId()).isNotEqualTo(id);
  }

  @Test
  void originsAreNormalisedAndRepeatsDropped() {
    assertThat(WidgetKeyController.origins(List.of("HTTPS://Shop.Example:443", "https://shop.example", " http://localhost:3000 ")))
        .containsExactly("https://shop.example", "http://localhost:3000");
  }
}
