package io.switchboard.gateway.call;

import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Call history, reports and the agents' list belong to the call-state service (docs/call-state.md, *Read API*): the
 * gateway forwards these reads with the caller's tenant, query and {@code Accept} (JSON or CSV), and
 * streams the answer back as it comes. Only the paths listed here are forwarded. Supervisors and
 * admins read everything of their tenant; an agent reads its own history only, the {@code agent}
 * filter being set to its own id whatever the query says.
 */
@RestController
class HistoryController {

  /** History paths an agent may read, with {@code agent} forced to itself. */
  private static final Set<String> AGENT_HISTORY = Set.of("/api/v1/calls", "/api/v1/calls/active");
  private static final String AGENT_FILTER = "agent";

  private final CallStateClient callState;

  HistoryController(CallStateClient callState) {
    this.callState = callState;
  }

  @GetMapping({"/api/v1/calls", "/api/v1/calls/active", "/api/v1/reports/calls/summary", "/api/v1/reports/queues",
      "/api/v1/reports/queues/live", "/api/v1/reports/queues/intervals", "/api/v1/reports/agents",
      "/api/v1/agents"})
  Mono<ResponseEntity<Flux<DataBuffer>>> forward(ServerHttpRequest request, Caller caller) {
    String path = request.getPath().value();
    String query = request.getURI().getRawQuery();
    if (!caller.isAny(Role.SUPERVISOR, Role.ADMIN)) {
      if (!AGENT_HISTORY.contains(path) || !caller.is(Role.AGENT)) {
        throw Caller.forbidden("read " + path, AGENT_HISTORY.contains(path)
            ? new Role[] {Role.AGENT, Role.SUPERVISOR, Role.ADMIN} : new Role[] {Role.SUPERVISOR, Role.ADMIN});
      }
      query = withAgent(query, caller.agentId());
    }
    return callState.query(caller.tenant(), path, query, request.getHeaders().getAccept());
  }

  /** The tenant's audit log (call-state's {@code GET /api/v1/audit}): admins only. */
  @GetMapping("/api/v1/audit")
  Mono<ResponseEntity<Flux<DataBuffer>>> audit(ServerHttpRequest request, Caller caller) {
    caller.require("read the audit log", Role.ADMIN);
    return callState.query(caller.tenant(), "/api/v1/audit", request.getURI().getRawQuery(),
        request.getHeaders().getAccept());
  }

  /** The raw query with every {@code agent} parameter replaced by one for {@code agentId}. */
  static String withAgent(String rawQuery, String agentId) {
    Stream<String> kept = rawQuery == null || rawQuery.isEmpty() ? Stream.empty()
        : Arrays.stream(rawQuery.split("&")).filter(part -> !part.isEmpty() && !isAgentFilter(part));
    return Stream.concat(kept, Stream.of(AGENT_FILTER + "=" + URLEncoder.encode(agentId, StandardCharsets.UTF_8)))
        .collect(Collectors.joining("&"));
  }

  /** Compares the decoded name, as call-state will read it ({@code %61gent} is {@code agent}). */
  private static boolean isAgentFilter(String part) {
    try {
      return URLDecoder.decode(part.split("=", 2)[0], StandardCharsets.UTF_8).strip().equals(AGENT_FILTER);
    } catch (IllegalArgumentException malformed) {
      return true;
    }
  }
}
