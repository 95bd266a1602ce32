package io.switchboard.standalone;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks, before anything starts, that every port the stack is about to listen on is free, so that
 * a port held by another program is a clear error naming it instead of a service that fails half-way
 * or, worse, a client that talks to whatever already listens there.
 */
final class FreePorts {

  private static final Pattern POSTGRES_DATA = Pattern.compile("(?:^|/)postgres\\s.*?-D\\s+(\\S+)");

  private final PortOwners owners;

  FreePorts(PortOwners owners) {
    this.owners = owners;
  }

  /** @throws StartupException naming each taken port, who holds it if known, and its option */
  void check(String host, List<ListenPort> ports) {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (IOException e) {
      throw new StartupException("Cannot resolve --host=" + host + ": " + e.getMessage());
    }
    List<String> taken = new ArrayList<>();
    for (ListenPort port : ports) {
      if (!tcpFree(address, port.number())) {
        taken.add(describe(host, port, "TCP", owners.tcpListener(port.number())));
      } else if (port.udp() && !udpFree(address, port.number())) {
        taken.add(describe(host, port, "UDP", owners.udpSocket(port.number())));
      }
    }
    if (!taken.isEmpty()) {
      throw new StartupException(String.join("\n", taken));
    }
  }

  private static String describe(String host, ListenPort port, String protocol, Optional<PortOwners.Owner> owner) {
    String holder = owner.map(PortOwners.Owner::toString).orElse("another process");
    StringBuilder message = new StringBuilder()
        .append("Port ").append(port.number()).append('/').append(protocol).append(" on ").append(host)
        .append(" for ").append(port.what()).append(" is already in use by ").append(holder).append(". ");
    Optional<String> postgresData = owner.flatMap(FreePorts::postgresDataDirectory);
    if (postgresData.isPresent()) {
      message.append("It is a PostgreSQL server with its data in ").append(postgresData.get())
          .append(": if that is another Switchboard data folder's, left running after a crash, start Switchboard "
              + "once on that folder (it stops its own leftover server) and stop it, or stop the server with 'kill -INT ")
          .append(owner.get().pid()).append("'; or ");
    } else {
      message.append("Stop that program, or ");
    }
    return message.append("choose another port with ").append(port.option()).append("=<port>.").toString();
  }

  /** The data directory of a PostgreSQL server, from the {@code -D} of its command line. */
  static Optional<String> postgresDataDirectory(PortOwners.Owner owner) {
    Matcher matcher = POSTGRES_DATA.matcher(owner.commandLine());
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  private static boolean tcpFree(InetAddress address, int port) {
    // SO_REUSEADDR, as the servers themselves bind: a connection in TIME_WAIT does not count as taken.
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(address, port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean udpFree(InetAddress address, int port) {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, port))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
