package io.switchboard.gateway.sip;

import io.switchboard.gateway.audit.AuditDetails;
import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.schemas.avro.SipNumber;
import io.switchboard.schemas.topics.Topics;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The dialed-number admin API (role admin, within the caller's tenant): each number maps to a queue,
 * written to the compacted {@code sip.numbers} under {@code tenantId/digits}, the key the media bridge
 * looks an INVITE's number up by; read back from this instance's copy, deleted with a tombstone. A
 * number belongs to one tenant.
 */
@RestController
class SipNumberController {

  /** Attributes the media bridge sets on every trunk call, whatever a number says. */
  static final Set<String> RESERVED_ATTRIBUTES = Set.of("trunk", "dialedNumber");

  private static final Logger log = LoggerFactory.getLogger(SipNumberController.class);
  private static final String ACTION = "manage SIP numbers";

  private final EventFactory events;
  private final EventPublisher publisher;
  private final SipNumbers numbers;

  SipNumberController(EventFactory events, EventPublisher publisher, SipNumbers numbers) {
    this.events = events;
    this.publisher = publisher;
    this.numbers = numbers;
  }

  @PutMapping("/api/v1/sip-numbers/{number}")
  Mono<ResponseEntity<SipNumberView>> put(@PathVariable String number, Caller caller,
      @Valid @RequestBody SipNumberRequest body, ServerWebExchange exchange) {
    caller.require(ACTION, Role.ADMIN);
    String digits = digits(number);
    String tenant = caller.tenant();
    Map<String, String> attributes = body.attributes() == null ? Map.of() : Map.copyOf(body.attributes());
    attributes.keySet().stream().filter(RESERVED_ATTRIBUTES::contains).findFirst().ifPresent(name -> {
      throw ApiException.badRequest("attributes: " + name + " is set by the media bridge on every trunk call");
    });
    numbers.requireLoaded();
    if (numbers.mappedByAnotherTenant(tenant, digits)) {
      throw ApiException.conflict("Number " + digits + " is mapped by another tenant");
    }
    boolean replaces = numbers.get(tenant, digits).isPresent();
    SipNumber record = events.sipNumber(tenant, digits)
        .setQueue(body.queue())
        .setTrunkId(body.trunkId())
        .setAttributes(attributes)
        .build();
    AuditDetails.put(exchange, "number", digits);
    AuditDetails.put(exchange, "queue", record.getQueue());
    AuditDetails.put(exchange, "trunkId", record.getTrunkId());
    return publisher.publish(Topics.SIP_NUMBERS, Topics.tenantKey(tenant, digits), record)
        .then(Mono.fromSupplier(() -> {
          log.info("SIP number {} of tenant {} mapped to queue {} (trunk {})", digits, tenant, record.getQueue(),
              record.getTrunkId());
          return ResponseEntity.status(replaces ? HttpStatus.OK : HttpStatus.CREATED).body(SipNumberView.of(record));
        }));
  }

  @GetMapping("/api/v1/sip-numbers/{number}")
  SipNumberView get(@PathVariable String number, Caller caller) {
    caller.require(ACTION, Role.ADMIN);
    return SipNumberView.of(find(caller.tenant(), digits(number)));
  }

  @GetMapping("/api/v1/sip-numbers")
  Map<String, List<SipNumberView>> list(Caller caller) {
    caller.require(ACTION, Role.ADMIN);
    numbers.requireLoaded();
    return Map.of("numbers", numbers.all(caller.tenant()).stream().map(SipNumberView::of).toList());
  }

  @DeleteMapping("/api/v1/sip-numbers/{number}")
  Mono<ResponseEntity<Void>> delete(@PathVariable String number, Caller caller, ServerWebExchange exchange) {
    caller.require(ACTION, Role.ADMIN);
    String tenant = caller.tenant();
    String digits = find(tenant, digits(number)).getNumber();
    AuditDetails.put(exchange, "number", digits);
    // A tombstone: every bridge instance forgets the number, and INVITEs for it get a 404.
    return publisher.publish(Topics.SIP_NUMBERS, Topics.tenantKey(tenant, digits), null)
        .then(Mono.fromSupplier(() -> {
          log.info("SIP number {} of tenant {} deleted", digits, tenant);
          return ResponseEntity.noContent().<Void>build();
        }));
  }

  private SipNumber find(String tenant, String digits) {
    numbers.requireLoaded();
    return numbers.get(tenant, digits).orElseThrow(() -> ApiException.notFound("No SIP number " + digits));
  }

  /** The number's key, or a 400: 2 to 20 digits, with a leading + and separators allowed. */
  private static String digits(String number) {
    String digits = DialedNumbers.normalize(number);
    if (digits == null) {
      throw ApiException.badRequest("number must be 2 to 20 digits (a leading + and spaces, dashes, dots or "
          + "parentheses between them are dropped), got '" + echo(number) + "'");
    }
    return digits;
  }

  private static String echo(String value) {
    return value == null ? "" : value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
