package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.handler.AbstractUrlHandlerMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Walks every route the running gateway maps (controllers, actuator endpoints, the WebSocket), read
 * from its handler mappings rather than from a list kept by hand, and checks that no state-changing
 * request is answered without credentials. One route is open by design, the widget key's exchange for
 * a customer token: without a valid key it must refuse too, just not with a 401 for want of a token.
 */
class RoutesIT {

  private static final Set<RequestMethod> STATE_CHANGING =
      EnumSet.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE);

  /** The state-changing routes that need no token, each refusing the empty body that this test sends. */
  private static final Set<String> OPEN = Set.of("POST /api/v1/widget/token");

  private final TestGateway gateway = TestGateway.shared();

  /** One mapped path pattern with the methods it answers (all of them when the mapping names none). */
  record Route(String pattern, Set<RequestMethod> methods) {}

  @Test
  void noStateChangingRouteIsAnsweredWithoutCredentials() {
    List<Route> routes = routes();
    assertThat(routes).extracting(Route::pattern)
        .contains("/api/v1/calls", "/api/v1/calls/{callId}/end", "/api/v1/queues/{name}",
            "/api/v1/agents/{agentId}/sign-in", "/api/v1/widget-keys", "/api/v1/widget/token", "/ws",
            "/api/v1/calls/{callId}/webrtc/offer", "/api/v1/calls/{callId}/webrtc/ice-candidate",
            "/actuator/health/{*path}", "/**");

    List<String> answered = new ArrayList<>();
    List<String> open = new ArrayList<>();
    int tried = 0;
    for (Route route : routes) {
      for (RequestMethod method : route.methods()) {
        if (!STATE_CHANGING.contains(method)) {
          continue;
        }
        String path = concrete(route.pattern());
        int status = gateway.anonymous().method(HttpMethod.valueOf(method.name())).uri(path)
            .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
            .exchange().returnResult(String.class).getStatus().value();
        tried++;
        if (OPEN.contains(method + " " + route.pattern())) {
          open.add(method + " " + route.pattern());
          if (status < 400 || status == 401) {
            answered.add(method + " " + path + " -> " + status + " (open, but must refuse an empty body)");
          }
        } else if (status != 401) {
          answered.add(method + " " + path + " -> " + status);
        }
      }
    }
    assertThat(tried).isGreaterThanOrEqualTo(10);
    assertThat(answered).isEmpty();
    assertThat(open).containsExactlyInAnyOrderElementsOf(OPEN);
  }

  private List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    gateway.context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values().forEach(mapping ->
        mapping.getHandlerMethods().keySet().forEach((RequestMappingInfo info) -> {
          Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
          for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
            routes.add(new Route(pattern.getPatternString(),
                methods.isEmpty() ? EnumSet.allOf(RequestMethod.class) : methods));
          }
        }));
    gateway.context.getBeansOfType(AbstractUrlHandlerMapping.class).values().forEach(mapping ->
        mapping.getHandlerMap().keySet().forEach(pattern ->
            routes.add(new Route(pattern.getPatternString(), EnumSet.allOf(RequestMethod.class)))));
    // Functional routes would need walking too; the gateway has none, and this says so if one appears.
    assertThat(gateway.context.getBeansOfType(RouterFunctionMapping.class).values())
        .allSatisfy(mapping -> assertThat(mapping.getRouterFunction()).isNull());
    return routes;
  }

  /** A request path for a pattern: each variable or wildcard becomes a plain segment. */
  private static String concrete(String pattern) {
    return pattern.replaceAll("\\{\\*?[^}]*}", "x").replace("**", "x").replace("*", "x");
  }
}
