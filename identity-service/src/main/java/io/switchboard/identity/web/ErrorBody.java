package io.switchboard.identity.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/** The body of every admin API error: the same shape as the gateway's (docs/call-flow.md). */
public record ErrorBody(int status, String error, String message, String path) {

  public static ErrorBody of(HttpStatusCode status, String message, String path) {
    HttpStatus known = HttpStatus.resolve(status.value());
    return new ErrorBody(status.value(), known == null ? "Error" : known.getReasonPhrase(), message, path);
  }
}
