package io.switchboard.media.rtp;

import java.util.BitSet;

/**
 * Hands out even/odd port pairs from a range, each to one leg at a time. Pairs are taken in turn
 * round the range, so a pair just released is the last to be handed out again and late packets of
 * a finished call do not reach the next one.
 */
final class PortAllocator {

  private final int firstRtp;
  private final int pairs;
  private final String range;
  private final BitSet used;
  private int next;
  private int inUse;

  PortAllocator(int portMin, int portMax, String host) {
    this.firstRtp = portMin % 2 == 0 ? portMin : portMin + 1;
    this.pairs = pairCount(portMin, portMax);
    if (pairs < 1) {
      throw new IllegalArgumentException("No even/odd port pair in " + portMin + "-" + portMax);
    }
    this.range = portMin + "-" + portMax + " on " + host;
    this.used = new BitSet(pairs);
  }

  /** How many even/odd pairs fit in the range, both ends included. */
  static int pairCount(int portMin, int portMax) {
    int first = portMin % 2 == 0 ? portMin : portMin + 1;
    return first + 1 > portMax ? 0 : (portMax - first + 1) / 2;
  }

  /**
   * A free pair, now in use.
   *
   * @throws PortsExhaustedException when every pair is in use
   */
  synchronized PortPair allocate() {
    int index = used.nextClearBit(next);
    if (index >= pairs) {
      index = used.nextClearBit(0);
    }
    if (index >= pairs) {
      throw new PortsExhaustedException("No free RTP port pair in " + range
          + " (switchboard.media.rtp.port-min/port-max): all " + pairs + " pairs are in use");
    }
    used.set(index);
    inUse++;
    next = (index + 1) % pairs;
    return new PortPair(firstRtp + 2 * index);
  }

  /** Gives a pair back; releasing a pair not in use is a programming error. */
  synchronized void release(PortPair pair) {
    int index = (pair.rtp() - firstRtp) / 2;
    if (index < 0 || index >= pairs || !used.get(index)) {
      throw new IllegalStateException("Port pair " + pair.rtp() + "/" + pair.rtcp() + " is not in use");
    }
    used.clear(index);
    inUse--;
  }

  /** Pairs in use. */
  synchronized int inUse() {
    return inUse;
  }

  int capacity() {
    return pairs;
  }
}
