package io.switchboard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;

/**
 * Every route a running WebFlux application maps, read at run time from its handler mappings:
 * annotated controllers and actuator endpoints ({@link RequestMappingInfoHandlerMapping}), router
 * functions ({@link RouterFunctionMapping}) and URL mappings such as static resources
 * ({@link SimpleUrlHandlerMapping}). For tests that probe every route, so that a route added later
 * is probed without anyone listing it.
 */
public final class MappedRoutes {

  private static final Logger log = LoggerFactory.getLogger(MappedRoutes.class);

  /** The methods a route that names none answers to, as far as a probe cares. */
  public static final List<HttpMethod> ANY_METHOD =
      List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  /** One method on one path pattern; {@link #path} is a concrete path that the pattern matches (or nearly). */
  public record Route(HttpMethod method, String pattern) {

    /** The pattern with every variable and wildcard replaced by {@code x}. */
    public String path() {
      String path = pattern.replaceAll("\\{[^}]*}", "x").replace("**", "x").replace("*", "x");
      return path.isEmpty() ? "/" : path;
    }

    /** A method that can change state: POST, PUT, PATCH or DELETE. */
    public boolean changesState() {
      return !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD) && !method.equals(HttpMethod.OPTIONS);
    }
  }

  private MappedRoutes() {}

  /** The routes of {@code context}, each method of each pattern once. */
  public static List<Route> of(ApplicationContext context) {
    Set<Route> routes = new LinkedHashSet<>();
    context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values().forEach(mapping ->
        mapping.getHandlerMethods().keySet().forEach(info -> {
          Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
          for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
            methods(methods.stream().map(RequestMethod::asHttpMethod).toList())
                .forEach(method -> routes.add(new Route(method, pattern.getPatternString())));
          }
        }));
    context.getBeansOfType(RouterFunctionMapping.class).values().forEach(mapping -> {
      if (mapping.getRouterFunction() != null) {
        mapping.getRouterFunction().accept(new RouterVisitor(routes));
      }
    });
    context.getBeansOfType(SimpleUrlHandlerMapping.class).values().forEach(mapping ->
        mapping.getUrlMap().keySet().forEach(pattern -> routes.add(new Route(HttpMethod.GET, pattern))));
    return List.copyOf(routes);
  }

  /**
   * Sends every route of {@code context} through {@code anonymous}, a client without credentials,
   * and asserts that each is a 401, except health (open, for probes), which must answer without
   * details and never succeed for a state-changing method. {@code expected} are patterns that must
   * be among the routes, so that an empty walk cannot pass.
   */
  public static void assertClosedWithoutCredentials(ApplicationContext context, WebTestClient anonymous,
      String... expected) {
    List<Route> routes = of(context);
    assertThat(routes).extracting(Route::pattern).contains(expected);
    for (Route route : routes) {
      EntityExchangeResult<String> answer = exchange(anonymous, route);
      if (route.pattern().startsWith("/actuator/health")) {
        assertThat(answer.getStatus().is2xxSuccessful() && route.changesState()).as(route.toString()).isFalse();
        assertThat(String.valueOf(answer.getResponseBody())).as(route.toString()).doesNotContain("components");
      } else {
        assertThat(answer.getStatus().value()).as(route.toString()).isEqualTo(HttpStatus.UNAUTHORIZED.value());
      }
    }
  }

  /**
   * One request; when it is not answered within the client's timeout, the threads of this JVM (the
   * application under test runs in it) are printed, so that a hung request can be told from a slow one.
   */
  private static EntityExchangeResult<String> exchange(WebTestClient client, Route route) {
    try {
      return client.method(route.method()).uri(route.path()).exchange().expectBody(String.class).returnResult();
    } catch (IllegalStateException unanswered) {
      StringBuilder threads = new StringBuilder();
      Thread.getAllStackTraces().forEach((thread, stack) -> {
        threads.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
        for (StackTraceElement frame : stack) {
          threads.append("    at ").append(frame).append('\n');
        }
      });
      log.error("{} was not answered: {}; the threads of this JVM:\n{}", route, unanswered.getMessage(), threads);
      throw new AssertionError(route + " was not answered", unanswered);
    }
  }

  private static List<HttpMethod> methods(List<HttpMethod> named) {
    return named.isEmpty() ? ANY_METHOD : named;
  }

  /** Collects the paths and methods of each route function, below the paths it is nested in. */
  private static final class RouterVisitor implements RouterFunctions.Visitor {

    private final Set<Route> routes;
    private final Deque<String> prefixes = new ArrayDeque<>();

    RouterVisitor(Set<Route> routes) {
      this.routes = routes;
    }

    @Override
    public void startNested(RequestPredicate predicate) {
      Conditions nested = Conditions.of(predicate);
      prefixes.push(prefix() + (nested.paths.isEmpty() ? "" : nested.paths.get(0)));
    }

    @Override
    public void endNested(RequestPredicate predicate) {
      prefixes.pop();
    }

    @Override
    public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
      Conditions conditions = Conditions.of(predicate);
      List<String> paths = conditions.paths.isEmpty() ? List.of("") : conditions.paths;
      for (String path : paths) {
        methods(conditions.methods).forEach(method -> routes.add(new Route(method, prefix() + path)));
      }
    }

    @Override
    public void resources(Function<ServerRequest, Mono<Resource>> lookup) {
      routes.add(new Route(HttpMethod.GET, prefix() + "/**"));
    }

    @Override
    public void attributes(Map<String, Object> attributes) {}

    @Override
    public void unknown(RouterFunction<?> function) {
      routes.add(new Route(HttpMethod.GET, prefix() + "/**"));
    }

    private String prefix() {
      return prefixes.isEmpty() ? "" : prefixes.peek();
    }
  }

  /** The paths and methods a request predicate names, however combined. */
  private static final class Conditions implements RequestPredicates.Visitor {

    final List<String> paths = new ArrayList<>();
    final List<HttpMethod> methods = new ArrayList<>();

    static Conditions of(RequestPredicate predicate) {
      Conditions conditions = new Conditions();
      predicate.accept(conditions);
      return conditions;
    }

    @Override
    public void method(Set<HttpMethod> named) {
      methods.addAll(named);
    }

    @Override
    public void path(String pattern) {
      paths.add(pattern);
    }

    @Override
    public void pathExtension(String extension) {}

    @Override
    public void header(String name, String value) {}

    @Override
    public void queryParam(String name, String value) {}

    @Override
    public void version(String version) {}

    @Override
    public void startAnd() {}

    @Override
    public void and() {}

    @Override
    public void endAnd() {}

    @Override
    public void startOr() {}

    @Override
    public void or() {}

    @Override
    public void endOr() {}

    @Override
    public void startNegate() {}

    @Override
    public void endNegate() {}

    @Override
    public void unknown(RequestPredicate predicate) {}
  }
}
