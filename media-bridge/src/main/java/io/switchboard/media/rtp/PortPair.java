package io.switchboard.media.rtp;

/** A leg's local ports: RTP on the even one, RTCP on the next. */
public record PortPair(int rtp) {

  public PortPair {
    if (rtp % 2 != 0) {
      throw new IllegalArgumentException("RTP port " + rtp + " is odd");
    }
  }

  public int rtcp() {
    return rtp + 1;
  }
}
