package io.switchboard.media.sdp;

import java.util.List;
import java.util.Optional;

/**
 * One {@code m=} section: the media type, port (0: refused or removed), transport protocol, its
 * codecs in the order of preference the {@code m=} line gives, its own connection address (null:
 * the session's), direction (null: the session's, else sendrecv), packet time in ms (0: not given),
 * and its other attributes as they were written ({@code name} or {@code name:value}), kept in order.
 */
public record MediaDescription(String type, int port, String protocol, List<Codec> codecs,
    String connectionAddress, Direction direction, int ptime, List<String> attributes) {

  public MediaDescription {
    codecs = List.copyOf(codecs);
    attributes = List.copyOf(attributes);
  }

  public boolean isAudio() {
    return type.equals("audio");
  }

  /** The first codec of {@code encoding}, if the section has one. */
  public Optional<Codec> codec(String encoding) {
    return codecs.stream().filter(codec -> codec.is(encoding)).findFirst();
  }
}
