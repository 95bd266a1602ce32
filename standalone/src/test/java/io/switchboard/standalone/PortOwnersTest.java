package io.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortOwnersTest {

  // Captured from /proc/net/tcp and /proc/net/tcp6: 0x1F90 = 8080, 0xD430 = 54320.
  private static final List<String> TCP = List.of(
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
      "   0: 0100007F:D430 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 48211 1 0000000012345678 100 0 0 10 0",
      "   1: 0100007F:D430 0100007F:9C62 01 00000000:00000000 00:00000000 00000000     0        0 48299 1 00000000bbb3e0e6",
      "   2: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 50001 1 00000000fffd054c",
      "   3: 0100007F:D431 0100007F:D430 06 00000000:00000000 03:00000CA8 00000000     0        0 0 3 00000000bbb3e0e6");
  private static final List<String> TCP6 = List.of(
      "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
      "   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 61000 1 00000000a078fad1");

  @Test
  void findsTheListeningSocketOfAPortNotItsConnections() {
    assertThat(PortOwners.socketsOn(TCP, 54320, PortOwners.TCP_LISTEN)).containsExactly("48211");
  }

  @Test
  void readsIpv6TablesTheSameWay() {
    assertThat(PortOwners.socketsOn(TCP6, 8080, PortOwners.TCP_LISTEN)).containsExactly("61000");
  }

  @Test
  void aPortNobodyListensOnHasNoSocket() {
    assertThat(PortOwners.socketsOn(TCP, 9092, PortOwners.TCP_LISTEN)).isEmpty();
    // A remote port of 54320 is not a local listener, and inode 0 (TIME_WAIT) belongs to nobody.
    assertThat(PortOwners.socketsOn(TCP, 54321, PortOwners.TCP_LISTEN)).isEmpty();
  }

  @Test
  void aTableWithOnlyItsHeaderOrNothingHasNoSocket() {
    assertThat(PortOwners.socketsOn(TCP.subList(0, 1), 54320, PortOwners.TCP_LISTEN)).isEmpty();
    assertThat(PortOwners.socketsOn(List.of(), 54320, PortOwners.TCP_LISTEN)).isEmpty();
  }
}
