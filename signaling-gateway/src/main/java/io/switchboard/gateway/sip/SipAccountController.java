package io.switchboard.gateway.sip;

import io.switchboard.gateway.audit.AuditDetails;
import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.gateway.web.RequestIds;
import io.switchboard.schemas.avro.SipAccount;
import io.switchboard.schemas.avro.SipSkill;
import io.switchboard.schemas.topics.Topics;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The SIP account admin API (role admin, within the caller's tenant): one account per agent, written
 * to the compacted {@code sip.credentials} as HA1 digests with the phone agent's profile, read back
 * from this instance's copy of it, and deleted with a tombstone. The password is turned into HA1s
 * and dropped: it is never stored, logged or audited.
 */
@RestController
class SipAccountController {

  private static final Logger log = LoggerFactory.getLogger(SipAccountController.class);
  private static final String ACTION = "manage SIP accounts";

  private final EventFactory events;
  private final EventPublisher publisher;
  private final SipAccounts accounts;
  private final SipProperties properties;

  SipAccountController(EventFactory events, EventPublisher publisher, SipAccounts accounts, SipProperties properties) {
    this.events = events;
    this.publisher = publisher;
    this.accounts = accounts;
    this.properties = properties;
  }

  @PutMapping("/api/v1/agents/{agentId}/sip-account")
  Mono<ResponseEntity<SipAccountView>> put(@PathVariable String agentId, Caller caller,
      @Valid @RequestBody SipAccountRequest body, ServerWebExchange exchange) {
    caller.require(ACTION, Role.ADMIN);
    RequestIds.id("agentId", agentId);
    String tenant = caller.tenant();
    accounts.requireLoaded();
    accounts.byUsername(tenant, body.username())
        .filter(other -> !other.getAgentId().equals(agentId))
        .ifPresent(other -> {
          throw ApiException.conflict("SIP username " + body.username() + " belongs to another agent of the tenant");
        });
    List<SipAccount> previous = accounts.byAgent(tenant, agentId);
    SipAccount account = account(tenant, agentId, body);
    AuditDetails.put(exchange, "username", account.getUsername());
    AuditDetails.put(exchange, "realm", account.getRealm());
    AuditDetails.put(exchange, "queues", String.join(",", account.getQueues()));
    AuditDetails.put(exchange, "capacity", account.getCapacity());
    // An agent has one account: a new username replaces the old one, whose tombstone follows the new record.
    Flux<Void> replaced = Flux.fromIterable(previous)
        .filter(old -> !old.getUsername().equals(account.getUsername()))
        .concatMap(old -> publisher.publish(Topics.SIP_CREDENTIALS, Topics.tenantKey(tenant, old.getUsername()), null));
    return publisher.publish(Topics.SIP_CREDENTIALS, Topics.tenantKey(tenant, account.getUsername()), account)
        .thenMany(replaced)
        .then(Mono.fromSupplier(() -> {
          log.info("SIP account {} of agent {} of tenant {} set (realm {})", account.getUsername(), agentId, tenant,
              account.getRealm());
          return ResponseEntity.status(previous.isEmpty() ? HttpStatus.CREATED : HttpStatus.OK)
              .body(SipAccountView.of(account));
        }));
  }

  @GetMapping("/api/v1/agents/{agentId}/sip-account")
  SipAccountView get(@PathVariable String agentId, Caller caller) {
    caller.require(ACTION, Role.ADMIN);
    return SipAccountView.of(find(caller.tenant(), agentId));
  }

  @GetMapping("/api/v1/sip-accounts")
  Map<String, List<SipAccountView>> list(Caller caller) {
    caller.require(ACTION, Role.ADMIN);
    accounts.requireLoaded();
    return Map.of("accounts", accounts.all(caller.tenant()).stream().map(SipAccountView::of).toList());
  }

  @DeleteMapping("/api/v1/agents/{agentId}/sip-account")
  Mono<ResponseEntity<Void>> delete(@PathVariable String agentId, Caller caller, ServerWebExchange exchange) {
    caller.require(ACTION, Role.ADMIN);
    String tenant = caller.tenant();
    SipAccount account = find(tenant, agentId);
    AuditDetails.put(exchange, "username", account.getUsername());
    // A tombstone: every bridge instance forgets the credential, and new registrations with it fail.
    return Flux.fromIterable(accounts.byAgent(tenant, agentId))
        .concatMap(each -> publisher.publish(Topics.SIP_CREDENTIALS, Topics.tenantKey(tenant, each.getUsername()), null))
        .then(Mono.fromSupplier(() -> {
          log.info("SIP account {} of agent {} of tenant {} deleted", account.getUsername(), agentId, tenant);
          return ResponseEntity.noContent().<Void>build();
        }));
  }

  private SipAccount find(String tenant, String agentId) {
    RequestIds.id("agentId", agentId);
    accounts.requireLoaded();
    return accounts.byAgent(tenant, agentId).stream().findFirst()
        .orElseThrow(() -> ApiException.notFound("Agent " + agentId + " has no SIP account"));
  }

  /** The record of the request: HA1s for both algorithms the registrar offers, and the profile. */
  SipAccount account(String tenant, String agentId, SipAccountRequest body) {
    String realm = properties.realm(tenant);
    String username = body.username();
    return events.sipAccount(tenant, username)
        .setRealm(realm)
        .setAgentId(agentId)
        .setHa1Sha256(Ha1.sha256(username, realm, body.password()))
        .setHa1Md5(Ha1.md5(username, realm, body.password()))
        .setDisplayName(body.displayName() == null ? null : body.displayName().strip())
        .setQueues(body.queues() == null ? List.of() : List.copyOf(body.queues()))
        .setSkills(body.skills() == null ? List.of()
            : body.skills().stream().map(skill -> new SipSkill(skill.name().strip(), skill.level())).toList())
        .setCapacity(body.capacity() == null ? 1 : body.capacity())
        .build();
  }
}
