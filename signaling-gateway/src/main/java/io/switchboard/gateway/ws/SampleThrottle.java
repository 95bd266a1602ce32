package io.switchboard.gateway.ws;

import io.switchboard.schemas.avro.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One session's quality samples: at most one per call and media type per {@link #INTERVAL}; pages
 * send one every 5 s, so a faster one is a page misbehaving, and its extra samples are dropped. Remembers
 * at most {@link #REMEMBERED} streams, the least recently admitted forgotten first. Thread-safe.
 */
final class SampleThrottle {

  static final Duration INTERVAL = Duration.ofSeconds(1);
  static final int REMEMBERED = 32;

  private record Stream(String callId, MediaType mediaType) {}

  private final Map<Stream, Instant> lastAdmitted = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Stream, Instant> eldest) {
      return size() > REMEMBERED;
    }
  };

  /** True when the stream's last admitted sample is at least {@link #INTERVAL} before {@code now}. */
  synchronized boolean admit(String callId, MediaType mediaType, Instant now) {
    Stream stream = new Stream(callId, mediaType);
    Instant last = lastAdmitted.get(stream);
    if (last != null && now.isBefore(last.plus(INTERVAL))) {
      return false;
    }
    lastAdmitted.put(stream, now);
    return true;
  }

  synchronized int size() {
    return lastAdmitted.size();
  }
}
