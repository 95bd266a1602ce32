package io.switchboard.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds which process listens on a local port, from Linux's {@code /proc}: the socket's inode in
 * {@code /proc/net/tcp*} (or {@code udp*}), then the process holding a descriptor to that inode.
 * Best effort: elsewhere, or without the rights to read another user's descriptors, it finds nothing.
 */
final class PortOwners {

  /** A process as a user would recognise it. */
  record Owner(long pid, String commandLine) {

    @Override
    public String toString() {
      return "process " + pid + (commandLine.isBlank() ? "" : " (" + commandLine + ")");
    }
  }

  static final String TCP_LISTEN = "0A";
  static final String UDP_UNCONNECTED = "07";

  private final Path proc;

  PortOwners(Path proc) {
    this.proc = proc;
  }

  static PortOwners system() {
    return new PortOwners(Path.of("/proc"));
  }

  Optional<Owner> tcpListener(int port) {
    return owner(inodes(List.of("net/tcp", "net/tcp6"), port, TCP_LISTEN));
  }

  Optional<Owner> udpSocket(int port) {
    return owner(inodes(List.of("net/udp", "net/udp6"), port, UDP_UNCONNECTED));
  }

  private Set<String> inodes(List<String> tables, int port, String state) {
    Set<String> inodes = new HashSet<>();
    for (String table : tables) {
      try {
        inodes.addAll(socketsOn(Files.readAllLines(proc.resolve(table), StandardCharsets.US_ASCII), port, state));
      } catch (IOException | RuntimeException noTable) {
        // no IPv6, or not Linux
      }
    }
    return inodes;
  }

  /** The inodes of the sockets bound to {@code port} in {@code state}, from one of the kernel's tables. */
  static Set<String> socketsOn(List<String> table, int port, String state) {
    String portHex = String.format(Locale.ROOT, ":%04X", port);
    Set<String> inodes = new HashSet<>();
    for (String line : table.subList(Math.min(1, table.size()), table.size())) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      String[] fields = line.trim().split("\\s+");
      if (fields.length >= 10 && fields[1].endsWith(portHex) && fields[3].equals(state) && !fields[9].equals("0")) {
        inodes.add(fields[9]);
      }
    }
    return inodes;
  }

  private Optional<Owner> owner(Set<String> inodes) {
    if (inodes.isEmpty()) {
      return Optional.empty();
    }
    Set<String> links = new HashSet<>();
    inodes.forEach(inode -> links.add("socket:[" + inode + "]"));
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path process : processes) {
        if (holdsAny(process, links)) {
          long pid = Long.parseLong(process.getFileName().toString());
          return Optional.of(new Owner(pid, commandLine(process)));
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static boolean holdsAny(Path process, Set<String> links) {
    try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(process.resolve("fd"))) {
      for (Path descriptor : descriptors) {
        try {
          if (links.contains(Files.readSymbolicLink(descriptor).toString())) {
            return true;
          }
        } catch (IOException | RuntimeException gone) {
          // the descriptor closed while we looked
        }
      }
    } catch (IOException | RuntimeException notOurs) {
      // another user's process, or it exited
    }
    return false;
  }

  private static String commandLine(Path process) {
    try {
      byte[] raw = Files.readAllBytes(process.resolve("cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
