package io.switchboard.gateway.queue;

import io.switchboard.gateway.web.ApiException;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a queue config body strictly: an unknown field is refused rather than ignored, because a
 * misspelt limit silently left at its default is worse than a 400.
 */
final class QueueConfigParser {

  private final JsonMapper json;

  QueueConfigParser(JsonMapper json) {
    this.json = json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  }

  /** The body; an absent or blank body is an empty config (every field at its default). */
  QueueConfigRequest parse(String body) {
    if (body == null || body.isBlank()) {
      body = "{}";
    }
    try {
      QueueConfigRequest request = json.readValue(body, QueueConfigRequest.class);
      if (request == null) {
        throw ApiException.badRequest("A queue config must be a JSON object");
      }
      return request;
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.badRequest("Unknown field '" + path(e) + "'; known fields: "
          + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
    } catch (JacksonException e) {
      String detail = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
      String where = path(e);
      throw ApiException.badRequest("Malformed queue config" + (where.isEmpty() ? "" : " at " + where) + ": "
          + (detail.length() <= 200 ? detail : detail.substring(0, 200) + "…"));
    }
  }

  /** {@code requiredSkills[0].minLevel} for the field an error is about. */
  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
