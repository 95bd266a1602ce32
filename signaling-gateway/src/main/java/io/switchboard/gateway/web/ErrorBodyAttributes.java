package io.switchboard.gateway.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webflux.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ResponseStatusException;

/**
 * Gives errors that never reach a controller (no such route, a failing filter) the same body as
 * {@link ApiErrors}, instead of Boot's default shape.
 */
@Component
public class ErrorBodyAttributes extends DefaultErrorAttributes {

  @Override
  public Map<String, Object> getErrorAttributes(ServerRequest request, ErrorAttributeOptions options) {
    Throwable error = getError(request);
    HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
    String message = "Internal error";
    if (error instanceof ResponseStatusException rse) {
      HttpStatus resolved = HttpStatus.resolve(rse.getStatusCode().value());
      status = resolved == null ? status : resolved;
      message = rse.getReason() != null ? rse.getReason() : status.getReasonPhrase();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status.value());
    body.put("error", status.getReasonPhrase());
    body.put("message", message);
    body.put("path", request.path());
    return body;
  }
}
