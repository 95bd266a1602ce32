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
import tools.jackson.databind.json.JsonMapper;

/**
 * Routing's queue statistics ({@code queue.stats}) of the caller's tenant: the live figures and the
 * interval counters, beside the queue report that {@link ReportController} computes from the calls.
 */
@RestController
@RequestMapping("/api/v1/reports/queues")
class QueueSnapshotController {

  private final QueueSnapshots snapshots;
  private final JsonMapper json;

  QueueSnapshotController(QueueSnapshots snapshots, JsonMapper json) {
    this.snapshots = snapshots;
    this.json = json;
  }

  @GetMapping("/live")
  Mono<LiveView> live(@RequestParam(required = false) String queue, @RequestParam(required = false) String format,
      @RequestHeader(name = Tenants.HEADER, defaultValue = Tenants.DEFAULT) String tenantHeader) {
    String tenantId = Tenants.require(tenantHeader);
    Params.format(format);
    String subject = Params.text(queue);
    return snapshots.live(tenantId, subject).collectList().map(rows -> new LiveView(subject, rows));
  }

  @GetMapping(path = "/live", produces = "text/csv")
  ResponseEntity<Flux<String>> liveCsv(@RequestParam(required = false) String queue,
      @RequestParam(required = false) String format,
      @RequestHeader(name = Tenants.HEADER, defaultValue = Tenants.DEFAULT) String tenantHeader) {
    String tenantId = Tenants.require(tenantHeader);
    Params.format(format);
    return CallController.csv("queues-live.csv", Csv.lines(QueueSnapshots.LIVE_CSV_HEADER,
        snapshots.live(tenantId, Params.text(queue)), row -> row.csv(json)));
  }

  @GetMapping("/intervals")
  Mono<IntervalsView> intervals(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String queue,
      @RequestParam(required = false) String format,
      @RequestHeader(name = Tenants.HEADER, defaultValue = Tenants.DEFAULT) String tenantHeader) {
    String tenantId = Tenants.require(tenantHeader);
    Params.format(format);
    ReportRange range = range(from, to, queue);
    return snapshots.intervals(tenantId, range).collectList()
        .map(rows -> new IntervalsView(CallQueries.iso(range.from()), CallQueries.iso(range.to()),
            range.subject(), rows));
  }

  @GetMapping(path = "/intervals", produces = "text/csv")
  ResponseEntity<Flux<String>> intervalsCsv(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String queue,
      @RequestParam(required = false) String format,
      @RequestHeader(name = Tenants.HEADER, defaultValue = Tenants.DEFAULT) String tenantHeader) {
    String tenantId = Tenants.require(tenantHeader);
    Params.format(format); // a bad format is refused whichever representation was asked for
    return CallController.csv("queues-intervals.csv", Csv.lines(QueueSnapshots.INTERVAL_CSV_HEADER,
        snapshots.intervals(tenantId, range(from, to, queue)), QueueSnapshots.Interval::csv));
  }

  /** Routing counts in 15-minute intervals: the same cap on the range as the queue report's at 15m. */
  private static ReportRange range(String from, String to, String queue) {
    return ReportRange.parse(from, to, queue).within(ReportInterval.FIFTEEN_MINUTES);
  }

  /** {@code queue} is the filter, null when every queue of the tenant is listed. */
  record LiveView(String queue, List<QueueSnapshots.Live> rows) {}

  record IntervalsView(String from, String to, String queue, List<QueueSnapshots.Interval> rows) {}
}
