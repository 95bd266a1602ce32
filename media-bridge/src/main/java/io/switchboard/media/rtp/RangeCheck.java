package io.switchboard.media.rtp;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What an operator should hear at start-up about the RTP range: the process limits that would refuse
 * calls before the range runs out. The checks are pure; {@link #openFileLimit()} and
 * {@link #ephemeralPorts()} read this machine's values where it has them.
 */
final class RangeCheck {

  private static final Path EPHEMERAL = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  private RangeCheck() {}

  /**
   * @param pairs the range's port pairs (each an RTP and an RTCP socket once in use)
   * @param openFileLimit the process's open-file limit, if known
   * @param ephemeral the kernel's ephemeral port range {@code [low, high]}, if known
   */
  static List<String> warnings(int portMin, int portMax, int pairs, OptionalLong openFileLimit, int[] ephemeral) {
    List<String> warnings = new ArrayList<>();
    long sockets = 2L * pairs;
    if (openFileLimit.isPresent() && sockets > openFileLimit.getAsLong()) {
      warnings.add("The RTP range's " + pairs + " port pairs are " + sockets + " sockets when all are in use, more"
          + " than this process's open-file limit of " + openFileLimit.getAsLong() + ": calls will be refused"
          + " (503) once the process runs out of descriptors, before the range runs out of pairs (raise the"
          + " limit, ulimit -n, or narrow switchboard.media.rtp.port-min/port-max)");
    }
    if (ephemeral != null && ephemeral.length == 2 && ephemeral[0] <= portMax && portMin <= ephemeral[1]) {
      warnings.add("Ports " + Math.max(portMin, ephemeral[0]) + "-" + Math.min(portMax, ephemeral[1])
          + " of the RTP range are also the kernel's ephemeral ports (net.ipv4.ip_local_port_range "
          + ephemeral[0] + " " + ephemeral[1] + "): any outgoing connection may take one, and the relay then"
          + " skips it; a range below " + ephemeral[0] + " avoids that");
    }
    return warnings;
  }

  /** The process's open-file limit, where the JVM reports it (Unix). */
  static OptionalLong openFileLimit() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return OptionalLong.of(unix.getMaxFileDescriptorCount());
    }
    return OptionalLong.empty();
  }

  /** The kernel's ephemeral port range, on Linux; null elsewhere or when unreadable. */
  static int[] ephemeralPorts() {
    try {
      String[] fields = Files.readString(EPHEMERAL).trim().split("\\s+");
      return fields.length == 2 ? new int[] {Integer.parseInt(fields[0]), Integer.parseInt(fields[1])} : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
