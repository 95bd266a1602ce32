package io.switchboard.media.sip.registrar;

/** Where the registrar tells the rest of Switchboard that an agent's bindings changed. */
interface RegistrarEvents {

  /**
   * One agent's bindings changed on this instance.
   *
   * @param reason why, for the events: {@code registered}, {@code unregistered}, {@code expired}
   */
  void changed(BindingTable.Change change, String reason);
}
