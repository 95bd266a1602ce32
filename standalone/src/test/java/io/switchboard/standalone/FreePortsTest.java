package io.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void readsAPostgresServersDataDirectoryFromItsCommandLine() {
    PortOwners.Owner postgres = new PortOwners.Owner(4867, "/tmp/embedded-pg/PG-59e8/bin/postgres -D /srv/a/postgres "
        + "-p 54320 -F -c listen_addresses=127.0.0.1");

    assertThat(FreePorts.postgresDataDirectory(postgres)).contains("/srv/a/postgres");
  }

  @Test
  void anotherProgramHasNoPostgresDataDirectory() {
    PortOwners.Owner java = new PortOwners.Owner(12, "java -jar postgres-tools.jar -D /srv/a");

    assertThat(FreePorts.postgresDataDirectory(java)).isEmpty();
  }
}
