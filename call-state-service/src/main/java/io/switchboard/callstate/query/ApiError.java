package io.switchboard.callstate.query;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.HttpStatus;

/** The JSON body of every REST error: {@code {status, error, message, path}}. */
record ApiError(int status, String error, String message, String path) {

  static ApiError of(HttpStatusCode code, String message, String path) {
    HttpStatus status = HttpStatus.resolve(code.value());
    String error = status == null ? "Error" : status.getReasonPhrase();
    return new ApiError(code.value(), error, message, path);
  }
}
