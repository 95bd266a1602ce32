package io.switchboard.callstate.query;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Turns refused requests into the error body of docs/call-flow.md, always as JSON: a request that
 * accepts only text/csv (an export) still gets its 400 and message, not a 406.
 */
@RestControllerAdvice
class ApiErrors {

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ApiError> refused(ApiException e, ServerWebExchange exchange) {
    return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON)
        .body(ApiError.of(e.status(), e.getMessage(), exchange.getRequest().getPath().value()));
  }

  /** Spring's own refusals: unreadable parameters, unsupported methods and media types. */
  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<ApiError> framework(ResponseStatusException e, ServerWebExchange exchange) {
    String message = e.getReason() != null ? e.getReason() : e.getMessage();
    return ResponseEntity.status(e.getStatusCode()).contentType(MediaType.APPLICATION_JSON)
        .body(ApiError.of(e.getStatusCode(), message, exchange.getRequest().getPath().value()));
  }
}
