package io.switchboard.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** The admin API's 401 and 403, as {@link ErrorBody} JSON like its other errors. */
public final class SecurityErrors {

  private final JsonMapper json;

  public SecurityErrors(JsonMapper json) {
    this.json = json;
  }

  public AuthenticationEntryPoint unauthenticated() {
    return (request, response, e) -> {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      write(request, response, HttpStatus.UNAUTHORIZED, "A valid bearer token is required");
    };
  }

  public AccessDeniedHandler forbidden() {
    return (request, response, e) -> write(request, response, HttpStatus.FORBIDDEN, "The admin role is required");
  }

  /** Writes an error body outside Spring MVC (filters). */
  public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String message)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    json.writeValue(response.getOutputStream(), ErrorBody.of(status, message, request.getRequestURI()));
  }
}
