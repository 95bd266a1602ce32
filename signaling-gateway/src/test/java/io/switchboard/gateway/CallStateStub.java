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
        .route(routes -> routes
        // History and reports: echo what arrived, so a test sees the tenant, path, query and Accept.
        .get("/api/v1/calls", CallStateStub::echo)
        .get("/api/v1/calls/active", CallStateStub::echo)
        .get("/api/v1/reports/queues", CallStateStub::echo)
        .get("/api/v1/reports/queues/live", CallStateStub::echo)
        .get("/api/v1/reports/queues/intervals", CallStateStub::echo)
        .get("/api/v1/reports/calls/summary", CallStateStub::echo)
        .get("/api/v1/reports/agents", CallStateStub::echo)
        .get("/api/v1/agents", CallStateStub::echo)
        .get("/api/v1/audit", CallStateStub::echo)
        .get("/api/v1/calls/{callId}", (request, response) -> {
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

  private static org.reactivestreams.Publisher<Void> echo(reactor.netty.http.server.HttpServerRequest request,
      reactor.netty.http.server.HttpServerResponse response) {
    String tenant = request.requestHeaders().get("X-Tenant-Id");
    String accept = request.requestHeaders().get("Accept");
    if (accept != null && accept.contains("text/csv")) {
      return response.header("Content-Type", "text/csv").sendString(Mono.just(
          "tenant,uri\r\n" + tenant + ",\"" + request.uri() + "\"\r\n"));
    }
    if (request.uri().contains("limit=0")) {
      return response.status(400).header("Content-Type", "application/json")
          .sendString(Mono.just("{\"status\":400,\"message\":\"limit must be 1 to 500\"}"));
    }
    return response.header("Content-Type", "application/json")
        .sendString(Mono.just("{\"tenant\":\"" + tenant + "\",\"uri\":\"" + request.uri() + "\"}"));
  }

  /** A call view in the JSON shape of docs/call-flow.md, of customer {@code c-42}. */
  void put(String tenant, String callId, String state, String agentId) {
    put(tenant, callId, state, agentId, "c-42");
  }

  /** A call view in the JSON shape of docs/call-flow.md. */
  void put(String tenant, String callId, String state, String agentId, String customerId) {
    calls.put(tenant + "/" + callId, "{\"callId\":\"" + callId + "\",\"tenantId\":\"" + tenant + "\",\"state\":\""
        + state + "\",\"outcome\":null,\"queue\":\"sales\",\"agentId\":" + (agentId == null ? "null" : "\"" + agentId + "\"")
        + ",\"customerId\":\"" + customerId + "\",\"direction\":\"INBOUND\",\"channel\":\"WEBRTC\",\"priority\":100,"
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
