package io.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.MappedRoutes.Route;
import java.net.http.HttpResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/** Walks every route the running service maps, so that a route added later is checked without being listed. */
class RoutesIT {

  private static final List<HttpMethod> ANY_METHOD =
      List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  @RegisterExtension static final RunningIssuer issuer = new RunningIssuer();

  @Test
  void noStateChangingApiRouteIsAnsweredWithoutCredentials() {
    List<Route> routes = routes(issuer.context());
    assertThat(routes).extracting(Route::pattern).contains("/api/v1/users", "/api/v1/users/{username}",
        "/api/v1/users/{username}/password", "/api/v1/tenants");

    for (Route route : routes) {
      HttpResponse<String> answer = issuer.http().another().json(route.method().name(), route.path(), null, "{}");
      if (route.pattern().startsWith("/api/")) {
        assertThat(answer.statusCode()).as(route.toString()).isEqualTo(401);
        assertThat(Http.json(answer.body())).as(route.toString()).containsEntry("status", 401);
      } else if (route.changesState()) {
        assertThat(answer.statusCode() / 100).as(route + " answered " + answer.body()).isNotEqualTo(2);
      }
    }
  }

  @Test
  void theOAuth2EndpointsRefuseBadClientCredentials() {
    for (String endpoint : List.of("/oauth2/token", "/oauth2/revoke", "/oauth2/introspect")) {
      HttpResponse<String> answer = issuer.http().another().postForm(endpoint,
          Map.of("grant_type", "client_credentials", "token", "x", "client_id", "signaling-gateway",
              "client_secret", "not-the-secret"));
      assertThat(answer.statusCode()).as(endpoint).isEqualTo(401);
      assertThat(Http.json(answer.body())).as(endpoint).containsEntry("error", "invalid_client");
    }
    HttpResponse<String> unknownClient = issuer.http().another().postForm("/oauth2/token",
        Map.of("grant_type", "client_credentials", "client_id", "nobody", "client_secret", "whatever-it-is"));
    assertThat(unknownClient.statusCode()).isEqualTo(401);
  }

  /** Every method of every pattern of the servlet request mappings (controllers and actuator). */
  private static List<Route> routes(ApplicationContext context) {
    Set<Route> routes = new LinkedHashSet<>();
    context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values().forEach(mapping ->
        mapping.getHandlerMethods().keySet().forEach(info -> {
          List<HttpMethod> methods = info.getMethodsCondition().getMethods().stream()
              .map(RequestMethod::asHttpMethod).toList();
          for (String pattern : patterns(info)) {
            (methods.isEmpty() ? ANY_METHOD : methods).forEach(method -> routes.add(new Route(method, pattern)));
          }
        }));
    return List.copyOf(routes);
  }

  private static Set<String> patterns(RequestMappingInfo info) {
    return info.getPathPatternsCondition() != null ? info.getPathPatternsCondition().getPatternValues()
        : info.getPatternsCondition().getPatterns();
  }
}
