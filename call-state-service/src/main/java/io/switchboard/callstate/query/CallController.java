package io.switchboard.callstate.query;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The calls of the caller's tenant: one by id, the history and the active ones (docs/call-state.md). */
@RestController
@RequestMapping("/api/v1/calls")
class CallController {

  private final CallQueries calls;
  private final JsonMapper json;

  CallController(CallQueries calls, JsonMapper json) {
    this.calls = calls;
    this.json = json;
  }

  @GetMapping
  Mono<Page<CallView>> history(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String queue,
      @RequestParam(required = false) String agent, @RequestParam(required = false) List<String> state,
      @RequestParam(required = false) String customer, @RequestParam(required = false) String cursor,
      @RequestParam(required = false) String limit, @RequestParam(required = false) String format,
      @RequestHeader(name = Tenants.HEADER, defaultValue = Tenants.DEFAULT) String tenantHeader) {
    String tenantId = Tenants.require(tenantHeader);
    Params.format(format);
    return calls.history(tenantId, HistoryFilter.parse(from, to, queue, agent, state, customer, cursor, limit));
  }

  /** The same filters, every matching row (from the cursor on), streamed; limit is ignored. */
  @GetMapping(produces = "text/csv")
  ResponseEntity<Flux<String>> historyCsv(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String queue,
      @RequestParam(required = false) String agent, @RequestParam(required = false) List<String> state,
      @RequestParam(required = false) String customer, @RequestParam(required = false) String cursor,
      @RequestHeader(name = Tenants.HEADER, defaultValue = Tenants.DEFAULT) String tenantHeader) {
    String tenantId = Tenants.require(tenantHeader);
    HistoryFilter filter = HistoryFilter.parse(from, to, queue, agent, state, customer, cursor, null);
    return csv("calls.csv", Csv.lines(HistoryCsv.HEADER, calls.allHistory(tenantId, filter),
        call -> HistoryCsv.fields(call, json)));
  }

  @GetMapping("/active")
  Flux<CallView> active(@RequestParam(required = false) String queue,
      @RequestParam(required = false) String agent,
      @RequestHeader(name = Tenants.HEADER, defaultValue = Tenants.DEFAULT) String tenantHeader) {
    return calls.active(Tenants.require(tenantHeader), Params.text(queue), Params.text(agent));
  }

  @GetMapping("/{callId}")
  Mono<CallDetail> call(@PathVariable String callId,
      @RequestHeader(name = Tenants.HEADER, defaultValue = Tenants.DEFAULT) String tenantHeader) {
    String tenantId = Tenants.require(tenantHeader);
    return calls.detail(tenantId, callId)
        .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND,
            "Call " + callId + " not found for tenant " + tenantId)));
  }

  /** A streamed CSV body, offered as a download. */
  static ResponseEntity<Flux<String>> csv(String filename, Flux<String> lines) {
    return ResponseEntity.ok().contentType(Csv.TEXT_CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"").body(lines);
  }
}
