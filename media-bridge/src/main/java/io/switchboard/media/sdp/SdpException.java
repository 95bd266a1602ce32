package io.switchboard.media.sdp;

/** An SDP body that cannot be read, or an offer that cannot be answered; the message says why. */
public class SdpException extends Exception {

  private static final long serialVersionUID = 1L;

  public SdpException(String message) {
    super(message);
  }

  /** No audio codec of the offer is one the bridge relays: SIP's 488 Not Acceptable Here. */
  public static final class NoCommonCodec extends SdpException {

    private static final long serialVersionUID = 1L;

    public NoCommonCodec(String message) {
      super(message);
    }
  }
}
