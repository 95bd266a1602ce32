package io.switchboard.media.sip.registrar;

import java.util.ArrayList;
import java.util.List;

/** Keeps what the registrar told, for assertions. */
final class RecordingEvents implements RegistrarEvents {

  record Told(BindingTable.Change change, String reason) {}

  final List<Told> told = new ArrayList<>();

  @Override
  public synchronized void changed(BindingTable.Change change, String reason) {
    told.add(new Told(change, reason));
  }
}
