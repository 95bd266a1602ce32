package io.switchboard.gateway.sip;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A trunk's trusted source: an address block ({@code 192.0.2.0/24}, {@code 2001:db8::/48}) or one
 * address, parsed the way the media bridge parses it, so that what the API accepts the bridge can use.
 */
record AddressBlock(byte[] network, int prefix) {

  private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

  /** Only address literals, never a host name (no DNS lookup); fails with a message naming {@code text}. */
  static AddressBlock parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    if (!LITERAL.matcher(address).matches() || (!address.contains(":") && !address.contains("."))) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR");
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR");
    }
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(trimmed.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' has a bad prefix length");
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("the prefix length of '" + text + "' must be 0 to " + bits);
      }
    }
    return new AddressBlock(mask(bytes, prefix), prefix);
  }

  boolean ipv6() {
    return network.length == 16;
  }

  /** Whether some address is in both blocks. */
  boolean overlaps(AddressBlock other) {
    if (other.network.length != network.length) {
      return false;
    }
    int shorter = Math.min(prefix, other.prefix);
    return Arrays.equals(mask(network, shorter), mask(other.network, shorter));
  }

  private static byte[] mask(byte[] bytes, int prefix) {
    byte[] masked = bytes.clone();
    for (int i = 0; i < masked.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      masked[i] &= (byte) (0xff << (8 - keep));
    }
    return masked;
  }

  /** The canonical form: the masked network and its prefix, {@code 192.0.2.0/24}. */
  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AddressBlock that && that.prefix == prefix && Arrays.equals(that.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefix;
  }
}
