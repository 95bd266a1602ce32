package io.switchboard.identity.login;

import io.switchboard.identity.password.PasswordGrant;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses logins (form and password grant) from a client IP that failed too often, with 429 and
 * {@code Retry-After}, before the password is even looked at; and counts the failures. The IP is the
 * socket's peer: behind a proxy, the proxy has to be the one that limits.
 */
public final class LoginThrottle extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

  private final AttemptLimiter limiter;
  private final String loginPath;
  private final String tokenPath;

  public LoginThrottle(AttemptLimiter limiter, String loginPath, String tokenPath) {
    this.limiter = limiter;
    this.loginPath = loginPath;
    this.tokenPath = tokenPath;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !isLoginAttempt(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Duration> wait = limiter.retryAfter(request.getRemoteAddr());
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      log.info("Login from {} refused for {} s after too many failures", request.getRemoteAddr(), seconds);
      response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.getWriter().write("{\"error\":\"too_many_requests\",\"error_description\":"
          + "\"Too many failed logins from this address; retry after " + seconds + " s\"}");
      return;
    }
    chain.doFilter(request, response);
  }

  /** Counts a failure, then lets {@code next} answer. */
  public AuthenticationFailureHandler counting(AuthenticationFailureHandler next) {
    return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> {
      if (isLoginAttempt(request)) {
        limiter.failed(request.getRemoteAddr());
      }
      next.onAuthenticationFailure(request, response, e);
    };
  }

  private boolean isLoginAttempt(HttpServletRequest request) {
    if (!"POST".equals(request.getMethod())) {
      return false;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals(loginPath) || path.equals(tokenPath)
        && PasswordGrant.TYPE.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE));
  }
}
