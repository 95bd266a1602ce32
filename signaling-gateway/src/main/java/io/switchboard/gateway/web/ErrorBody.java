package io.switchboard.gateway.web;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.HttpStatus;

/** The body of every REST error (docs/call-flow.md). */
public record ErrorBody(int status, String error, String message, String path) {

  public static ErrorBody of(HttpStatusCode status, String message, String path) {
    HttpStatus known = HttpStatus.resolve(status.value());
    return new ErrorBody(status.value(), known == null ? "Error" : known.getReasonPhrase(), message, path);
  }
}
