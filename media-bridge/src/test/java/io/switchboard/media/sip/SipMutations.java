package io.switchboard.media.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Seeded mutations of valid SIP messages, for the fuzz tests: what a careless or hostile peer sends. */
public final class SipMutations {

  private SipMutations() {}

  /** One to three mutations of a valid message: the kinds a careless or hostile peer sends. */
  public static byte[] mutate(Random random, byte[] message) {
    byte[] out = message;
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations; m++) {
      out = switch (random.nextInt(9)) {
        case 0 -> flipBytes(random, out);
        case 1 -> Arrays.copyOf(out, random.nextInt(out.length + 1)); // truncated
        case 2 -> dropLine(random, out);
        case 3 -> duplicateLine(random, out);
        case 4 -> replaceValue(random, out, "CSeq: ", new String[] {"-1 OPTIONS", "99999999999 INVITE", "1", "x y z", ""});
        case 5 -> replaceValue(random, out, "Content-Length: ", new String[] {"-5", "999999", "abc", "4294967296", ""});
        case 6 -> replaceValue(random, out, "Via: ", new String[] {"", "SIP/2.0/UDP", "garbage", "SIP/2.0/TCP [::1"});
        case 7 -> garbage(random, 1 + random.nextInt(1500));
        default -> insertBytes(random, out);
      };
    }
    return out;
  }

  private static byte[] flipBytes(Random random, byte[] in) {
    byte[] out = in.clone();
    for (int i = 1 + random.nextInt(10); i > 0 && out.length > 0; i--) {
      out[random.nextInt(out.length)] = (byte) random.nextInt(256);
    }
    return out;
  }

  private static byte[] insertBytes(Random random, byte[] in) {
    int at = random.nextInt(in.length + 1);
    byte[] inserted = garbage(random, 1 + random.nextInt(64));
    byte[] out = new byte[in.length + inserted.length];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(in, at, out, at + inserted.length, in.length - at);
    return out;
  }

  private static byte[] garbage(Random random, int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }

  private static byte[] dropLine(Random random, byte[] in) {
    List<String> lines = new ArrayList<>(Arrays.asList(new String(in, StandardCharsets.ISO_8859_1).split("\r\n", -1)));
    if (lines.size() > 1) {
      lines.remove(random.nextInt(lines.size()));
    }
    return String.join("\r\n", lines).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] duplicateLine(Random random, byte[] in) {
    List<String> lines = new ArrayList<>(Arrays.asList(new String(in, StandardCharsets.ISO_8859_1).split("\r\n", -1)));
    int at = random.nextInt(lines.size());
    lines.add(at, lines.get(at));
    return String.join("\r\n", lines).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] replaceValue(Random random, byte[] in, String header, String[] values) {
    String text = new String(in, StandardCharsets.ISO_8859_1);
    int at = text.indexOf(header);
    if (at < 0) {
      return in;
    }
    int end = text.indexOf("\r\n", at);
    if (end < 0) {
      end = text.length();
    }
    return (text.substring(0, at + header.length()) + values[random.nextInt(values.length)] + text.substring(end))
        .getBytes(StandardCharsets.ISO_8859_1);
  }
}
