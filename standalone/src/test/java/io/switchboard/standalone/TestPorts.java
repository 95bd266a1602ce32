package io.switchboard.standalone;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/** Ports and settings for a stack under test, so that tests never collide with a running stack. */
final class TestPorts {

  private static final Random random = new Random();
  private static final Set<Integer> chosen = new HashSet<>();

  private TestPorts() {}

  /** Settings on {@code dataDir} with every port free. */
  static StandaloneSettings settings(Path dataDir) throws IOException {
    return StandaloneSettings.parse(arguments(dataDir));
  }

  static String[] arguments(Path dataDir) throws IOException {
    return new String[] {
        "--data-dir=" + dataDir, "--kafka-port=" + free(), "--controller-port=" + free(),
        "--postgres-port=" + free(), "--gateway-port=" + free(), "--routing-port=" + free(),
        "--call-state-port=" + free(), "--media-port=" + free(), "--sip-port=" + free(),
        "--identity-port=" + free()};
  }

  /**
   * A port free on TCP and UDP, below the ephemeral range so that no outgoing connection of this
   * JVM takes it between now and the moment the stack binds it.
   */
  static synchronized int free() throws IOException {
    while (true) {
      int port = 20_000 + random.nextInt(12_000);
      if (!chosen.add(port)) {
        continue;
      }
      try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
          DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
  }
}
