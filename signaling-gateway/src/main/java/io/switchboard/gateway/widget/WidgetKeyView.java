package io.switchboard.gateway.widget;

import io.switchboard.schemas.avro.WidgetKey;
import java.time.Instant;
import java.util.List;

/** A widget key as the admin API shows it. Its id is public by design: pages embed it. */
record WidgetKeyView(String id, String label, List<String> allowedOrigins, String queue, Instant createdAt,
    String createdBy) {

  static WidgetKeyView of(WidgetKey key) {
    return new WidgetKeyView(key.getKeyId(), key.getLabel(), List.copyOf(key.getAllowedOrigins()), key.getQueue(),
        key.getOccurredAt(), key.getCreatedBy());
  }
}
