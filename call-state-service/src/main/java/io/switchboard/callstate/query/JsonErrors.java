package io.switchboard.callstate.query;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * The bodies of {@link ApiErrors} with an explicit JSON content type: a request that accepts only
 * text/csv (an export) would otherwise get 406 instead of its 400 and message, since the error
 * body cannot be written as CSV. (Could be folded into ApiErrors itself.)
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class JsonErrors {

  private final ApiErrors errors = new ApiErrors();

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ApiError> refused(ApiException e, ServerWebExchange exchange) {
    return json(errors.refused(e, exchange));
  }

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<ApiError> framework(ResponseStatusException e, ServerWebExchange exchange) {
    return json(errors.framework(e, exchange));
  }

  private static ResponseEntity<ApiError> json(ResponseEntity<ApiError> error) {
    return ResponseEntity.status(error.getStatusCode()).contentType(MediaType.APPLICATION_JSON).body(error.getBody());
  }
}
