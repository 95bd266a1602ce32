package io.switchboard.callstate.query;

import java.time.Clock;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The tenant's agents as projected from {@code agent.events}: status, since when, and their queues. */
@RestController
class AgentController {

  private final AgentQueries agents;
  private final Clock clock = Clock.systemUTC();

  AgentController(AgentQueries agents) {
    this.agents = agents;
  }

  /** {@code serverNow}: this service's clock, so that a page can run the times in status on from it. */
  @GetMapping("/api/v1/agents")
  Mono<AgentsView> agents(@RequestParam(required = false) String queue,
      @RequestParam(required = false) String status,
      @RequestHeader(name = Tenants.HEADER, defaultValue = Tenants.DEFAULT) String tenantHeader) {
    String tenantId = Tenants.require(tenantHeader);
    return agents.list(tenantId, Params.text(queue), Params.text(status)).collectList()
        .map(rows -> new AgentsView(rows, CallQueries.iso(clock.instant())));
  }

  record AgentsView(List<AgentQueries.Agent> agents, String serverNow) {}
}
