package io.switchboard.gateway.ws;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The WebSocket wire format: one JSON object per frame, {@code {"type": "...", "data": {...}}}. */
final class Frames {

  /** A frame from a client, checked to have a type and an object (possibly empty) as data. */
  record ClientFrame(String type, JsonNode data) {

    /** A string field of data, or null when absent or not a string. */
    String text(String field) {
      JsonNode value = data.get(field);
      return value != null && value.isString() ? value.stringValue() : null;
    }
  }

  /** A frame that is not JSON, or not shaped like a message. */
  static final class BadFrameException extends Exception {
    BadFrameException(String message) {
      super(message);
    }
  }

  private static final int DEFAULT_MAX_CHARS = 64 * 1024;

  private final JsonMapper json;
  private final int maxChars;

  Frames(JsonMapper json) {
    this(json, DEFAULT_MAX_CHARS);
  }

  /** {@code maxChars}: the longest frame decoded, in characters (the socket limits its bytes first). */
  Frames(JsonMapper json, int maxChars) {
    this.json = json;
    this.maxChars = maxChars;
  }

  ClientFrame decode(String text) throws BadFrameException {
    if (text.length() > maxChars) {
      throw new BadFrameException("Frame too large: at most " + maxChars + " characters");
    }
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (JacksonException e) {
      throw new BadFrameException("Malformed JSON frame: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new BadFrameException("A frame must be a JSON object {\"type\": ..., \"data\": {...}}");
    }
    JsonNode type = root.get("type");
    if (type == null || !type.isString() || type.stringValue().isBlank()) {
      throw new BadFrameException("A frame needs a string \"type\"");
    }
    JsonNode data = root.get("data");
    if (data == null || data.isNull()) {
      data = json.createObjectNode();
    } else if (!data.isObject()) {
      throw new BadFrameException("\"data\" must be a JSON object");
    }
    return new ClientFrame(type.stringValue(), data);
  }

  /** A server frame; null values are written as JSON null so clients see every field. */
  String encode(String type, Map<String, ?> data) {
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("type", type);
    frame.put("data", data);
    return json.writeValueAsString(frame);
  }

  /** Data fields in order, from alternating names and values; values may be null. */
  static Map<String, Object> data(Object... namesAndValues) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      data.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return data;
  }

  String error(String message, String callId) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("message", message);
    if (callId != null) {
      data.put("callId", callId);
    }
    return encode("call:error", data);
  }
}
