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

  /** The web UI and the API's documentation are public files; what they show comes from the API, which is not. */
  @Test
  void theWebUiAndTheApiDocumentationAreReadableWithoutAToken() {
    for (String page : List.of("/", "/desk/", "/wallboard/", "/call/", "/admin/", "/login/callback")) {
      gateway.anonymous().get().uri(page).exchange().expectStatus().isOk()
          .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
          .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
              .contains("script-src 'self'").contains("connect-src 'self' ws://")
              // The pages sign in with the issuer: the gateway's own, as no ui.issuer-url is set.
              .contains(" " + java.net.URI.create(gateway.issuer.issuerUri()).getScheme() + "://"
                  + java.net.URI.create(gateway.issuer.issuerUri()).getRawAuthority() + ";"));
    }
    gateway.anonymous().get().uri("/desk").exchange().expectStatus().isEqualTo(301)
        .expectHeader().location("/desk/");
    gateway.anonymous().get().uri("/assets/desk.js").exchange().expectStatus().isOk()
        .expectHeader().value("Content-Type", type -> assertThat(type).contains("javascript"));
    gateway.anonymous().get().uri("/assets/app.css").exchange().expectStatus().isOk();
    gateway.anonymous().get().uri("/ui-config").exchange().expectStatus().isOk()
        .expectBody().jsonPath("$.clientId").isEqualTo("switchboard-web")
        .jsonPath("$.redirectPath").isEqualTo("/login/callback");
    gateway.anonymous().get().uri("/v3/api-docs").exchange().expectStatus().isOk()
        .expectBody().jsonPath("$.components.securitySchemes.bearer.scheme").isEqualTo("bearer")
        .jsonPath("$.paths['/api/v1/calls']").exists();
    gateway.anonymous().get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();

    // The API, unknown paths and anything but GET on the UI's paths still need a token.
    for (String path : List.of("/api/v1/queues", "/api/v1/calls/active", "/nothing-here", "/assets/nothing/../../api/v1/queues")) {
      int status = gateway.anonymous().get().uri(path).exchange().returnResult(String.class).getStatus().value();
      // 401, or 400 where the firewall refuses a path with dot segments before anything else sees it.
      assertThat(status).as(path).isIn(400, 401);
    }
    gateway.anonymous().get().uri("/api/v1/queues").exchange().expectStatus().isUnauthorized();
    gateway.anonymous().post().uri("/assets/app.css").exchange().expectStatus().isUnauthorized();
    gateway.anonymous().put().uri("/desk/").exchange().expectStatus().isUnauthorized();
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
