package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

  @Test
  void handsOutEvenRtpPortsWithTheOddRtcpPortAbove() {
    PortAllocator ports = new PortAllocator(20001, 20008, "127.0.0.1");

    assertThat(ports.capacity()).isEqualTo(3);
    PortPair first = ports.allocate();
    assertThat(first.rtp()).isEqualTo(20002);
    assertThat(first.rtcp()).isEqualTo(20003);
    assertThat(ports.allocate().rtp()).isEqualTo(20004);
    assertThat(ports.allocate().rtp()).isEqualTo(20006);
  }

  @Test
  void anExhaustedRangeIsAClearError() {
    PortAllocator ports = new PortAllocator(20000, 20003, "0.0.0.0");
    ports.allocate();
    ports.allocate();

    assertThatThrownBy(ports::allocate).isInstanceOf(PortsExhaustedException.class)
        .hasMessageContaining("20000-20003 on 0.0.0.0").hasMessageContaining("all 2 pairs are in use")
        .hasMessageContaining("switchboard.media.rtp.port-min/port-max");
  }

  @Test
  void aReleasedPairIsHandedOutAgainOnlyAfterTheOthers() {
    PortAllocator ports = new PortAllocator(20000, 20005, "127.0.0.1");
    PortPair first = ports.allocate();
    ports.release(first);

    assertThat(ports.allocate().rtp()).isEqualTo(20002);
    assertThat(ports.allocate().rtp()).isEqualTo(20004);
    assertThat(ports.allocate()).isEqualTo(first);
    assertThat(ports.inUse()).isEqualTo(3);
  }

  @Test
  void releasingAPairNotInUseIsAProgrammingError() {
    PortAllocator ports = new PortAllocator(20000, 20005, "127.0.0.1");
    PortPair pair = ports.allocate();
    ports.release(pair);

    assertThatThrownBy(() -> ports.release(pair)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ports.release(new PortPair(30000))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void neverGivesOnePortToTwoLegsFromManyThreads() throws InterruptedException {
    PortAllocator ports = new PortAllocator(20000, 29999, "127.0.0.1");
    ConcurrentLinkedQueue<PortPair> taken = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 1000; i++) {
          PortPair pair = ports.allocate();
          taken.add(pair);
          if (i % 3 == 0) {
            taken.remove(pair);
            ports.release(pair);
          }
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }

    Set<Integer> distinct = new HashSet<>();
    taken.forEach(pair -> distinct.add(pair.rtp()));
    assertThat(distinct).hasSize(taken.size());
    assertThat(ports.inUse()).isEqualTo(taken.size());
  }

  @Test
  void aRangeWithoutAPairHasNoCapacity() {
    assertThat(PortAllocator.pairCount(20001, 20002)).isZero();
    assertThat(PortAllocator.pairCount(20000, 20001)).isEqualTo(1);
    assertThat(PortAllocator.pairCount(20000, 29999)).isEqualTo(5000);
  }
}
