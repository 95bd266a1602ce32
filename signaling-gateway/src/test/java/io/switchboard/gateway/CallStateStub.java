package io.switchboard.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Stands in for the call-state service: answers {@code GET /api/v1/calls/{id}} with the canned call
 * of that tenant and id, or 404. The gateway must not depend on the real service module.
 */
final class CallStateStub implements AutoCloseable {

  private final Map<String, String> calls = new ConcurrentHashMap<>();
  private final DisposableServer server;

  CallStateStub() {
    server = HttpServer.create().host("127.0.0.1").port(0)
        .route(routes -> routes.get("/api/v1/calls/{callId}", (request, response) -> {
          String tenant = request.requestHeaders().get("X-Tenant-Id");
          String body = calls.get(tenant + "/" + request.param("callId"));
          if (body == null) {
            return response.status(404).header("Content-Type", "application/json")
                .sendString(Mono.just("{\"status\":404,\"error\":\"Not Found\",\"message\":\"Call "
                    + request.param("callId") + " not found\",\"path\":\"" + request.path() + "\"}"));
          }
          return response.header("Content-Type", "application/json").sendString(Mono.just(body));
        }))
        .bindNow();
  }

  /** A call view in the JSON shape of docs/call-flow.md. */
  void put(String tenant, String callId, String state, String agentId) {
    calls.put(tenant + "/" + callId, "{\"callId\":\"" + callId + "\",\"tenantId\":\"" + tenant + "\",\"state\":\""
        + state + "\",\"outcome\":null,\"queue\":\"sales\",\"agentId\":" + (agentId == null ? "null" : "\"" + agentId + "\"")
        + ",\"customerId\":\"c-42\",\"direction\":\"INBOUND\",\"channel\":\"WEBRTC\",\"priority\":100,"
        + "\"attributes\":{},\"tags\":[],\"createdAt\":\"2026-11-21T10:00:00.000Z\",\"waitMs\":1200}");
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  @Override
  public void close() {
    server.disposeNow();
  }
}
