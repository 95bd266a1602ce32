package io.switchboard.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Stands in for the routing service: answers {@code GET /api/v1/queues/{name}/stats} with the canned
 * stats of that tenant and queue, or 404. The gateway must not depend on the real service module.
 */
final class RoutingStub implements AutoCloseable {

  private final Map<String, String> stats = new ConcurrentHashMap<>();
  private final DisposableServer server;

  RoutingStub() {
    server = HttpServer.create().host("127.0.0.1").port(0)
        .route(routes -> routes.get("/api/v1/queues/{name}/stats", (request, response) -> {
          String body = stats.get(request.requestHeaders().get("X-Tenant-Id") + "/" + request.param("name"));
          if (body == null) {
            return response.status(404).header("Content-Type", "application/json")
                .sendString(Mono.just("{\"status\":404,\"error\":\"Not Found\",\"message\":\"Queue "
                    + request.param("name") + " not found\",\"path\":\"" + request.path() + "\"}"));
          }
          return response.header("Content-Type", "application/json").sendString(Mono.just(body));
        }))
        .bindNow();
  }

  void put(String tenant, String queue, int waiting) {
    stats.put(tenant + "/" + queue, "{\"tenantId\":\"" + tenant + "\",\"queue\":\"" + queue + "\",\"waiting\":"
        + waiting + ",\"longestWaitMs\":1200}");
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  @Override
  public void close() {
    server.disposeNow();
  }
}
