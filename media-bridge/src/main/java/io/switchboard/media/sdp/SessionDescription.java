package io.switchboard.media.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A session description (RFC 4566) as far as the bridge reads and writes one: the origin, the
 * session's connection address and direction, and its media sections. {@link #parse} is bounded
 * ({@value #MAX_CHARACTERS} characters, {@value #MAX_LINES} lines, {@value #MAX_MEDIA} media
 * sections) and fails with an {@link SdpException} naming the line, never with another exception;
 * {@link #toString} writes the canonical form, CRLF line ends.
 *
 * @param origin the {@code o=} line
 * @param sessionName {@code s=} (a single space when empty, as RFC 4566 asks)
 * @param connectionAddress the session-level {@code c=} address, or null
 * @param direction the session-level direction attribute, or null
 * @param media the {@code m=} sections in order
 */
public record SessionDescription(Origin origin, String sessionName, String connectionAddress, Direction direction,
    List<MediaDescription> media) {

  public static final int MAX_CHARACTERS = 16_384;
  public static final int MAX_LINES = 512;
  public static final int MAX_MEDIA = 16;

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.0-9A-Z^_`a-z{|}~]+");
  private static final Pattern ADDRESS = Pattern.compile("[0-9A-Za-z.:\\-]+");

  /**
   * {@code o=username sess-id sess-version IN IP4|IP6 address}: the session's identity and the version,
   * which an offerer raises with each new offer in a dialog (RFC 3264 §8).
   */
  public record Origin(String username, String sessionId, long version, String addressType, String address) {

    /** The same session, one version on: the origin of the next offer. */
    public Origin next() {
      return new Origin(username, sessionId, version + 1, addressType, address);
    }

    @Override
    public String toString() {
      return username + " " + sessionId + " " + version + " IN " + addressType + " " + address;
    }
  }

  public SessionDescription {
    media = List.copyOf(media);
  }

  /** The first audio section, if there is one with a port. */
  public Optional<MediaDescription> audio() {
    return media.stream().filter(m -> m.isAudio() && m.port() != 0).findFirst();
  }

  /** Where a section's media goes: its own address, else the session's. */
  public String addressOf(MediaDescription section) {
    return section.connectionAddress() != null ? section.connectionAddress() : connectionAddress;
  }

  /**
   * A section's direction as its sender means it: its own attribute, else the session's, else sendrecv;
   * a sendrecv stream to the address 0.0.0.0 (the hold of RFC 2543, RFC 3264 §8.4) counts as sendonly.
   */
  public Direction directionOf(MediaDescription section) {
    Direction given = section.direction() != null ? section.direction()
        : direction != null ? direction : Direction.SENDRECV;
    if ("0.0.0.0".equals(addressOf(section)) && given == Direction.SENDRECV) {
      return Direction.SENDONLY;
    }
    return given;
  }

  /** Reads an SDP body; {@code \n} or {@code \r\n} line ends. */
  public static SessionDescription parse(String body) throws SdpException {
    if (body == null || body.isBlank()) {
      throw new SdpException("The SDP body is empty");
    }
    if (body.length() > MAX_CHARACTERS) {
      throw new SdpException("The SDP body has " + body.length() + " characters, more than " + MAX_CHARACTERS);
    }
    String[] lines = body.split("\r?\n", -1);
    if (lines.length > MAX_LINES + 1) {
      throw new SdpException("The SDP body has more than " + MAX_LINES + " lines");
    }
    Parser parser = new Parser();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        if (i == lines.length - 1) {
          continue; // the last line end
        }
        throw new SdpException("Line " + (i + 1) + " of the SDP is empty");
      }
      if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
        throw new SdpException("Line " + (i + 1) + " of the SDP is not <type>=<value>: " + shown(line));
      }
      parser.line(i + 1, line.charAt(0), line.substring(2));
    }
    return parser.build();
  }

  private static String shown(String line) {
    return line.length() > 60 ? line.substring(0, 60) + "…" : line;
  }

  /** Collects the lines in order: session level until the first {@code m=}, then one section after another. */
  private static final class Parser {
    private boolean sawVersion;
    private Origin origin;
    private String sessionName;
    private String connection;
    private Direction direction;
    private final List<Section> sections = new ArrayList<>();

    void line(int number, char type, String value) throws SdpException {
      if (!sawVersion) {
        if (type != 'v' || !value.equals("0")) {
          throw new SdpException("An SDP body starts with v=0, not line " + number + ": " + shown(type + "=" + value));
        }
        sawVersion = true;
        return;
      }
      Section section = sections.isEmpty() ? null : sections.get(sections.size() - 1);
      switch (type) {
        case 'o' -> origin = origin(number, value);
        case 's' -> sessionName = value.isEmpty() ? " " : value;
        case 'c' -> {
          String address = connection(number, value);
          if (section == null) {
            connection = address;
          } else {
            section.connection = address;
          }
        }
        case 'm' -> {
          if (sections.size() == MAX_MEDIA) {
            throw new SdpException("The SDP has more than " + MAX_MEDIA + " media sections");
          }
          sections.add(Section.of(number, value));
        }
        case 'a' -> {
          if (section == null) {
            Optional<Direction> given = Direction.ofAttribute(value);
            if (given.isPresent()) {
              direction = given.get();
            }
          } else {
            section.attribute(number, value);
          }
        }
        default -> {
          // t=, b=, i=, u=, e=, p=, z=, k=, r=: nothing the bridge uses.
        }
      }
    }

    SessionDescription build() throws SdpException {
      if (!sawVersion) {
        throw new SdpException("An SDP body starts with v=0");
      }
      if (origin == null) {
        throw new SdpException("The SDP has no o= line");
      }
      List<MediaDescription> media = new ArrayList<>();
      for (Section section : sections) {
        MediaDescription built = section.build();
        if (built.port() != 0 && built.connectionAddress() == null && connection == null) {
          throw new SdpException("The " + built.type() + " section has no c= line, nor has the session");
        }
        media.add(built);
      }
      return new SessionDescription(origin, sessionName == null ? " " : sessionName, connection, direction, media);
    }

    private static Origin origin(int number, String value) throws SdpException {
      String[] fields = value.split(" ");
      if (fields.length != 6 || !fields[3].equals("IN")) {
        throw new SdpException("Line " + number + ": o= needs 6 fields, <username> <sess-id> <sess-version> IN <addrtype> <address>");
      }
      long version;
      try {
        version = Long.parseUnsignedLong(fields[2]);
      } catch (NumberFormatException e) {
        throw new SdpException("Line " + number + ": the session version " + shown(fields[2]) + " is not a number");
      }
      return new Origin(fields[0], fields[1], version, addressType(number, fields[4]), fields[5]);
    }

    private static String connection(int number, String value) throws SdpException {
      String[] fields = value.split(" ");
      if (fields.length != 3 || !fields[0].equals("IN")) {
        throw new SdpException("Line " + number + ": c= needs IN <addrtype> <address>");
      }
      addressType(number, fields[1]);
      String address = fields[2];
      int slash = address.indexOf('/');
      if (slash >= 0) {
        address = address.substring(0, slash); // a multicast TTL or count
      }
      if (!ADDRESS.matcher(address).matches()) {
        throw new SdpException("Line " + number + ": " + shown(address) + " is not an address");
      }
      return address;
    }

    private static String addressType(int number, String type) throws SdpException {
      if (!type.equals("IP4") && !type.equals("IP6")) {
        throw new SdpException("Line " + number + ": the address type " + shown(type) + " is not IP4 or IP6");
      }
      return type;
    }
  }

  /** One {@code m=} section while its attributes are read. */
  private static final class Section {
    String type;
    int port;
    String protocol;
    final List<Integer> formats = new ArrayList<>();
    final Map<Integer, Codec> mapped = new LinkedHashMap<>();
    final Map<Integer, String> parameters = new LinkedHashMap<>();
    String connection;
    Direction direction;
    int ptime;
    final List<String> attributes = new ArrayList<>();

    static Section of(int number, String value) throws SdpException {
      String[] fields = value.split(" ");
      if (fields.length < 4) {
        throw new SdpException("Line " + number + ": m= needs <media> <port> <proto> <fmt> …");
      }
      Section section = new Section();
      if (!TOKEN.matcher(fields[0]).matches()) {
        throw new SdpException("Line " + number + ": " + shown(fields[0]) + " is not a media type");
      }
      section.type = fields[0].toLowerCase(Locale.ROOT);
      String port = fields[1];
      int slash = port.indexOf('/');
      section.port = number(number, slash >= 0 ? port.substring(0, slash) : port, 65_535, "port");
      section.protocol = fields[2];
      boolean rtp = fields[2].contains("RTP/");
      for (int i = 3; i < fields.length; i++) {
        if (rtp) {
          section.formats.add(number(number, fields[i], 127, "payload type"));
        }
      }
      return section;
    }

    void attribute(int number, String value) throws SdpException {
      Optional<Direction> given = Direction.ofAttribute(value);
      if (given.isPresent()) {
        direction = given.get();
      } else if (value.startsWith("rtpmap:")) {
        rtpmap(number, value.substring(7));
      } else if (value.startsWith("fmtp:")) {
        String rest = value.substring(5);
        int space = rest.indexOf(' ');
        if (space < 0) {
          throw new SdpException("Line " + number + ": a=fmtp needs <payload type> <parameters>");
        }
        parameters.put(number(number, rest.substring(0, space), 127, "payload type"), rest.substring(space + 1));
      } else if (value.startsWith("ptime:")) {
        ptime = number(number, value.substring(6).trim(), 1000, "ptime");
      } else {
        attributes.add(value);
      }
    }

    private void rtpmap(int number, String value) throws SdpException {
      int space = value.indexOf(' ');
      if (space < 0) {
        throw new SdpException("Line " + number + ": a=rtpmap needs <payload type> <encoding>/<clock rate>");
      }
      int type = number(number, value.substring(0, space), 127, "payload type");
      String[] encoding = value.substring(space + 1).trim().split("/");
      if (encoding.length < 2 || encoding.length > 3 || !TOKEN.matcher(encoding[0]).matches()) {
        throw new SdpException("Line " + number + ": a=rtpmap needs <encoding>/<clock rate>[/<channels>]");
      }
      int rate = number(number, encoding[1], 1_000_000, "clock rate");
      int channels = encoding.length == 3 ? number(number, encoding[2], 255, "channel count") : 1;
      mapped.put(type, new Codec(type, encoding[0], rate, channels, null));
    }

    MediaDescription build() {
      List<Codec> codecs = new ArrayList<>();
      for (int type : formats) {
        Codec codec = mapped.containsKey(type) ? mapped.get(type) : Codec.ofStaticType(type);
        if (codec == null) {
          codec = new Codec(type, "unknown-" + type, 0, 1, null); // neither mapped nor static: never chosen
        }
        String fmtp = parameters.get(type);
        codecs.add(fmtp == null ? codec : new Codec(type, codec.name(), codec.clockRate(), codec.channels(), fmtp));
      }
      return new MediaDescription(type, port, protocol, codecs, connection, direction, ptime, attributes);
    }

    private static int number(int line, String text, int max, String what) throws SdpException {
      if (text.isEmpty() || text.length() > 7 || !text.chars().allMatch(Character::isDigit)) {
        throw new SdpException("Line " + line + ": the " + what + " " + shown(text) + " is not a number");
      }
      int value = Integer.parseInt(text);
      if (value > max) {
        throw new SdpException("Line " + line + ": the " + what + " " + value + " is above " + max);
      }
      return value;
    }
  }

  /** The canonical form, CRLF line ends: what the bridge sends. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(512);
    out.append("v=0\r\n");
    out.append("o=").append(origin).append("\r\n");
    out.append("s=").append(sessionName).append("\r\n");
    if (connectionAddress != null) {
      out.append("c=IN ").append(addressType(connectionAddress)).append(' ').append(connectionAddress).append("\r\n");
    }
    out.append("t=0 0\r\n");
    if (direction != null) {
      out.append("a=").append(direction.attribute()).append("\r\n");
    }
    for (MediaDescription section : media) {
      out.append("m=").append(section.type()).append(' ').append(section.port()).append(' ')
          .append(section.protocol());
      if (section.codecs().isEmpty()) {
        out.append(" 0"); // a refused section still names a format (RFC 3264 §6)
      }
      section.codecs().forEach(codec -> out.append(' ').append(codec.payloadType()));
      out.append("\r\n");
      if (section.connectionAddress() != null) {
        out.append("c=IN ").append(addressType(section.connectionAddress())).append(' ')
            .append(section.connectionAddress()).append("\r\n");
      }
      if (section.port() != 0) {
        for (Codec codec : section.codecs()) {
          out.append("a=rtpmap:").append(codec.rtpmap()).append("\r\n");
          if (codec.parameters() != null) {
            out.append("a=fmtp:").append(codec.payloadType()).append(' ').append(codec.parameters()).append("\r\n");
          }
        }
        if (section.ptime() > 0) {
          out.append("a=ptime:").append(section.ptime()).append("\r\n");
        }
        section.attributes().forEach(attribute -> out.append("a=").append(attribute).append("\r\n"));
        if (section.direction() != null) {
          out.append("a=").append(section.direction().attribute()).append("\r\n");
        }
      }
    }
    return out.toString();
  }

  private static String addressType(String address) {
    return address.indexOf(':') >= 0 ? "IP6" : "IP4";
  }
}
