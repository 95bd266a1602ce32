package io.switchboard.identity.web;

import io.switchboard.identity.audit.AuditUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every failure of an admin API request into an {@link ErrorBody}. */
@RestControllerAdvice
public class ApiErrors {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ErrorBody> api(ApiException e, HttpServletRequest request) {
    return body(e.status(), e.getMessage(), request);
  }

  /** The change was not kept: its audit event was not acknowledged. */
  @ExceptionHandler(AuditUnavailableException.class)
  ResponseEntity<ErrorBody> unaudited(AuditUnavailableException e, HttpServletRequest request) {
    log.warn("Request {} failed: {}", request.getRequestURI(), e.getMessage());
    return body(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), request);
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ErrorBody> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
    String fields = Stream.concat(
            e.getBindingResult().getFieldErrors().stream().map(ApiErrors::describe),
            e.getBindingResult().getGlobalErrors().stream().map(error -> error.getDefaultMessage()))
        .sorted()
        .collect(Collectors.joining("; "));
    return body(HttpStatus.BAD_REQUEST, "Invalid request: " + fields, request);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
    Throwable root = e.getMostSpecificCause();
    String detail = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
    return body(HttpStatus.BAD_REQUEST, "Malformed JSON body: " + detail, request);
  }

  /** Spring MVC's own refusals: unknown path, wrong method, wrong media type. */
  @ExceptionHandler({NoResourceFoundException.class, HttpRequestMethodNotSupportedException.class,
      HttpMediaTypeNotSupportedException.class, HttpMediaTypeNotAcceptableException.class})
  ResponseEntity<ErrorBody> framework(Exception exception, HttpServletRequest request) {
    ErrorResponse e = (ErrorResponse) exception;
    String detail = e.getBody().getDetail();
    return body(e.getStatusCode(), detail == null ? e.getStatusCode().toString() : detail, request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ErrorBody> unexpected(Exception e, HttpServletRequest request) {
    log.error("Request {} failed", request.getRequestURI(), e);
    return body(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", request);
  }

  private static ResponseEntity<ErrorBody> body(HttpStatusCode status, String message, HttpServletRequest request) {
    return ResponseEntity.status(status).body(ErrorBody.of(status, message, request.getRequestURI()));
  }

  private static String describe(FieldError error) {
    return error.getField() + " " + error.getDefaultMessage();
  }
}
