package io.switchboard.gateway.web;

import io.switchboard.gateway.events.PublishException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/** Turns every failure of a REST request into the {@link ErrorBody} of docs/call-flow.md. */
@RestControllerAdvice
public class ApiErrors {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ErrorBody> api(ApiException e, ServerWebExchange exchange) {
    return body(e.status(), e.getMessage(), exchange);
  }

  @ExceptionHandler(WebExchangeBindException.class)
  ResponseEntity<ErrorBody> invalid(WebExchangeBindException e, ServerWebExchange exchange) {
    String fields = Stream.concat(
            e.getFieldErrors().stream().map(ApiErrors::describe),
            e.getGlobalErrors().stream().map(error -> error.getDefaultMessage()))
        .sorted()
        .collect(Collectors.joining("; "));
    return body(HttpStatus.BAD_REQUEST, "Invalid request: " + fields, exchange);
  }

  @ExceptionHandler(ServerWebInputException.class)
  ResponseEntity<ErrorBody> unreadable(ServerWebInputException e, ServerWebExchange exchange) {
    return body(HttpStatus.BAD_REQUEST, inputMessage(e), exchange);
  }

  @ExceptionHandler(PublishException.class)
  ResponseEntity<ErrorBody> unpublished(PublishException e, ServerWebExchange exchange) {
    log.warn("Request {} failed: {}", exchange.getRequest().getPath(), e.getMessage());
    return body(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), exchange);
  }

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<ErrorBody> status(ResponseStatusException e, ServerWebExchange exchange) {
    String reason = e.getReason() != null ? e.getReason() : e.getMessage();
    return body(e.getStatusCode(), reason, exchange);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ErrorBody> unexpected(Exception e, ServerWebExchange exchange) {
    log.error("Request {} failed", exchange.getRequest().getPath(), e);
    return body(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", exchange);
  }

  static ResponseEntity<ErrorBody> body(HttpStatusCode status, String message, ServerWebExchange exchange) {
    String path = exchange.getRequest().getPath().value();
    return ResponseEntity.status(status).body(ErrorBody.of(status, message, path));
  }

  private static String describe(FieldError error) {
    return error.getField() + " " + error.getDefaultMessage();
  }

  /** Malformed JSON, a missing body or a wrongly typed field: say which, without a stack of causes. */
  static String inputMessage(ServerWebInputException e) {
    Throwable cause = e.getCause();
    if (cause instanceof DecodingException) {
      Throwable root = cause.getCause() != null ? cause.getCause() : cause;
      String detail = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
      return "Malformed JSON body: " + RequestIds.echo(detail);
    }
    return e.getReason() != null ? e.getReason() : "Malformed request";
  }
}
