package io.switchboard.callstate.query;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Call summary, queue interval and agent reports of the caller's tenant (docs/call-state.md). */
@RestController
@RequestMapping("/api/v1/reports")
class ReportController {

  static final int DEFAULT_SL_SECONDS = 20;
  static final int MAX_SL_SECONDS = 3600;

  private final CallSummary summary;
  private final QueueReport queues;
  private final AgentReport agents;

  ReportController(CallSummary summary, QueueReport queues, AgentReport agents) {
    this.summary = summary;
    this.queues = queues;
    this.agents = agents;
  }

  @GetMapping("/calls/summary")
  Mono<CallSummary.Summary> summary(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String queue,
      @RequestHeader(name = Tenants.HEADER, defaultValue = Tenants.DEFAULT) String tenantHeader) {
    String tenantId = Tenants.require(tenantHeader);
    return summary.summarize(tenantId, ReportRange.parse(from, to, queue));
  }

  @GetMapping("/queues")
  Mono<QueueReportView> queues(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String interval,
      @RequestParam(required = false) String queue, @RequestParam(required = false) String slSeconds,
      @RequestParam(required = false) String format,
      @RequestHeader(name = Tenants.HEADER, defaultValue = Tenants.DEFAULT) String tenantHeader) {
    String tenantId = Tenants.require(tenantHeader);
    Params.format(format);
    ReportInterval length = ReportInterval.parse(interval);
    ReportRange range = ReportRange.parse(from, to, queue).within(length);
    int sl = slSeconds(slSeconds);
    return queues.rows(tenantId, range, length, sl).collectList()
        .map(rows -> new QueueReportView(CallQueries.iso(range.from()), CallQueries.iso(range.to()),
            length.parameter(), sl, range.subject(), rows));
  }

  @GetMapping(path = "/queues", produces = "text/csv")
  ResponseEntity<Flux<String>> queuesCsv(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String interval,
      @RequestParam(required = false) String queue, @RequestParam(required = false) String slSeconds,
      @RequestHeader(name = Tenants.HEADER, defaultValue = Tenants.DEFAULT) String tenantHeader) {
    String tenantId = Tenants.require(tenantHeader);
    ReportInterval length = ReportInterval.parse(interval);
    ReportRange range = ReportRange.parse(from, to, queue).within(length);
    return CallController.csv("queues.csv", Csv.lines(QueueReport.CSV_HEADER,
        queues.rows(tenantId, range, length, slSeconds(slSeconds)), QueueReport.QueueInterval::csv));
  }

  @GetMapping("/agents")
  Mono<AgentReportView> agents(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String agent,
      @RequestParam(required = false) String format,
      @RequestHeader(name = Tenants.HEADER, defaultValue = Tenants.DEFAULT) String tenantHeader) {
    String tenantId = Tenants.require(tenantHeader);
    Params.format(format);
    ReportRange range = ReportRange.parse(from, to, agent);
    return agents.rows(tenantId, range).collectList()
        .map(rows -> new AgentReportView(CallQueries.iso(range.from()), CallQueries.iso(range.to()),
            range.subject(), rows));
  }

  @GetMapping(path = "/agents", produces = "text/csv")
  ResponseEntity<Flux<String>> agentsCsv(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String agent,
      @RequestHeader(name = Tenants.HEADER, defaultValue = Tenants.DEFAULT) String tenantHeader) {
    String tenantId = Tenants.require(tenantHeader);
    ReportRange range = ReportRange.parse(from, to, agent);
    return CallController.csv("agents.csv", Csv.lines(AgentReport.CSV_HEADER, agents.rows(tenantId, range),
        AgentReport.AgentFigures::csv));
  }

  static int slSeconds(String value) {
    return Params.integer("slSeconds", value, DEFAULT_SL_SECONDS, 0, MAX_SL_SECONDS);
  }

  record QueueReportView(String from, String to, String interval, int slSeconds, String queue,
      List<QueueReport.QueueInterval> rows) {}

  record AgentReportView(String from, String to, String agent, List<AgentReport.AgentFigures> rows) {}
}
