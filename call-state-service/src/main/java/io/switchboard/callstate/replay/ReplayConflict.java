package io.switchboard.callstate.replay;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A replay request that contradicts what is running: answered with 409 and the reason. */
public final class ReplayConflict extends ResponseStatusException {

  ReplayConflict(String message) {
    super(HttpStatus.CONFLICT, message);
  }
}
