package io.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/**
 * What the stack checks before it starts anything: nothing listens on its ports, no running stack
 * holds its data folder, and the PostgreSQL it talks to is the one serving its own folder.
 */
class StartupChecksIT {

  private static final String PID = Long.toString(ProcessHandle.current().pid());

  @Test
  void aPostgresPortHeldByAnUnrelatedListenerFailsTheStartNamingPortProcessAndOption() throws IOException {
    StandaloneSettings settings = TestPorts.settings(Files.createTempDirectory("switchboard-ports"));
    try (ServerSocket unrelated = listen(settings.postgresPort())) {
      assertThatThrownBy(() -> StandaloneStack.start(settings))
          .isInstanceOf(StartupException.class)
          .hasMessageContaining("Port " + settings.postgresPort() + "/TCP on 127.0.0.1 for PostgreSQL is already in use")
          .hasMessageContaining("process " + PID)
          .hasMessageContaining("--postgres-port=<port>");
    }
    // Nothing was started, and the folder is free again.
    assertThat(settings.dataDir().resolve("postgres")).doesNotExist();
    DataFolderLock.acquire(settings.dataDir()).close();
  }

  @Test
  void everyTakenPortIsNamedWithItsOwnOption() throws IOException {
    StandaloneSettings settings = TestPorts.settings(Files.createTempDirectory("switchboard-ports"));
    try (ServerSocket gateway = listen(settings.gatewayPort());
        ServerSocket kafka = listen(settings.kafkaPort());
        DatagramSocket sip = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
            settings.sipPort()))) {
      assertThatThrownBy(() -> StandaloneStack.start(settings))
          .isInstanceOf(StartupException.class)
          .hasMessageContaining("Port " + settings.gatewayPort() + "/TCP").hasMessageContaining("--gateway-port=<port>")
          .hasMessageContaining("Port " + settings.kafkaPort() + "/TCP").hasMessageContaining("--kafka-port=<port>")
          .hasMessageContaining("Port " + settings.sipPort() + "/UDP").hasMessageContaining("--sip-port=<port>")
          .hasMessageNotContaining("--postgres-port");
    }
  }

  @Test
  void aDataFolderHeldByARunningStackIsRefused() throws IOException {
    StandaloneSettings settings = TestPorts.settings(Files.createTempDirectory("switchboard-folder"));
    try (DataFolderLock running = DataFolderLock.acquire(settings.dataDir())) {
      assertThatThrownBy(() -> StandaloneStack.start(settings))
          .isInstanceOf(StartupException.class)
          .hasMessageContaining("is in use by a Switchboard that is running (process " + PID + ")")
          .hasMessageContaining("--data-dir");
    }
  }

  @Test
  void aServerOfAnotherFolderAnsweringOnThePortIsNeverUsedAsOurs() throws Exception {
    Path folderA = Files.createTempDirectory("switchboard-a");
    Path folderB = Files.createTempDirectory("switchboard-b");
    int port = TestPorts.free();
    try (EmbeddedDatabase a = EmbeddedDatabase.start(folderA.resolve("postgres"), "127.0.0.1", port)) {
      // As if B's server lost the race for the port to A's: B's own postmaster cannot bind, A's answers.
      assertThatThrownBy(() -> EmbeddedDatabase.start(folderB.resolve("postgres"), "127.0.0.1", port))
          .isInstanceOf(StartupException.class)
          .hasMessageContaining("serves " + folderA.resolve("postgres"))
          .hasMessageContaining("not this stack's " + folderB.resolve("postgres"))
          .hasMessageContaining("--postgres-port=<port>");

      // A's server was left alone.
      try (var connection = DriverManager.getConnection(a.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
          var result = connection.createStatement().executeQuery("SHOW data_directory")) {
        result.next();
        assertThat(Path.of(result.getString(1))).isEqualTo(folderA.resolve("postgres"));
      }
    }
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return socket;
  }
}
