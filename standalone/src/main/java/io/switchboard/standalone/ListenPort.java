package io.switchboard.standalone;

/**
 * A port the standalone stack listens on.
 *
 * @param option the command-line option that sets it
 * @param what what listens there, as a user would name it
 * @param number the port number
 * @param udp whether it is bound on UDP as well as TCP
 */
public record ListenPort(String option, String what, int number, boolean udp) {

  static ListenPort tcp(String option, String what, int number) {
    return new ListenPort(option, what, number, false);
  }

  static ListenPort tcpAndUdp(String option, String what, int number) {
    return new ListenPort(option, what, number, true);
  }
}
