package io.switchboard.callstate.query;

import org.springframework.http.HttpStatus;

/** A request refused with a status and a message for the caller. */
final class ApiException extends RuntimeException {

  private final HttpStatus status;

  ApiException(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  HttpStatus status() {
    return status;
  }
}
