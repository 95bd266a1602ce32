package io.switchboard.gateway.sip;

import io.switchboard.gateway.audit.AuditDetails;
import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.gateway.web.RequestIds;
import io.switchboard.schemas.avro.SipTrunk;
import io.switchboard.schemas.avro.SipTrunkDirection;
import io.switchboard.schemas.topics.Topics;
import jakarta.validation.Valid;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
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
 * The SIP trunk admin API (role admin, within the caller's tenant): trunks written whole to the
 * compacted {@code sip.trunks} under {@code tenantId/trunkId}, read back from this instance's copy of
 * it, and deleted with a tombstone. A digest password becomes HA1s in the tenant's realm and is
 * dropped; an outbound password is kept for dialing out; neither is ever returned, logged or audited.
 */
@RestController
class SipTrunkController {

  /** Shorter blocks would let one tenant's trunk take addresses that other tenants' carriers use. */
  static final int MIN_IPV4_PREFIX = 16;
  static final int MIN_IPV6_PREFIX = 32;

  private static final Logger log = LoggerFactory.getLogger(SipTrunkController.class);
  private static final String ACTION = "manage SIP trunks";

  private final EventFactory events;
  private final EventPublisher publisher;
  private final SipTrunks trunks;
  private final SipProperties properties;

  SipTrunkController(EventFactory events, EventPublisher publisher, SipTrunks trunks, SipProperties properties) {
    this.events = events;
    this.publisher = publisher;
    this.trunks = trunks;
    this.properties = properties;
  }

  @PutMapping("/api/v1/sip-trunks/{trunkId}")
  Mono<ResponseEntity<SipTrunkView>> put(@PathVariable String trunkId, Caller caller,
      @Valid @RequestBody SipTrunkRequest body, ServerWebExchange exchange) {
    caller.require(ACTION, Role.ADMIN);
    RequestIds.id("trunkId", trunkId);
    String tenant = caller.tenant();
    trunks.requireLoaded();
    SipTrunk trunk = trunk(tenant, trunkId, body);
    refuseConflicts(tenant, trunk);
    boolean replaces = trunks.get(tenant, trunkId).isPresent();
    AuditDetails.put(exchange, "direction", trunk.getDirection());
    AuditDetails.put(exchange, "enabled", trunk.getEnabled());
    AuditDetails.put(exchange, "trustedSources", String.join(",", trunk.getTrustedSources()));
    AuditDetails.put(exchange, "digestUsername", trunk.getDigestUsername());
    AuditDetails.put(exchange, "headerRouting", trunk.getHeaderRouting());
    AuditDetails.put(exchange, "outboundHost", trunk.getOutboundHost());
    return publisher.publish(Topics.SIP_TRUNKS, Topics.tenantKey(tenant, trunkId), trunk)
        .then(Mono.fromSupplier(() -> {
          log.info("SIP trunk {} of tenant {} set ({}, {} trusted sources, digest {})", trunkId, tenant,
              trunk.getDirection(), trunk.getTrustedSources().size(), trunk.getDigestUsername() != null);
          return ResponseEntity.status(replaces ? HttpStatus.OK : HttpStatus.CREATED).body(SipTrunkView.of(trunk));
        }));
  }

  @GetMapping("/api/v1/sip-trunks/{trunkId}")
  SipTrunkView get(@PathVariable String trunkId, Caller caller) {
    caller.require(ACTION, Role.ADMIN);
    return SipTrunkView.of(find(caller.tenant(), trunkId));
  }

  @GetMapping("/api/v1/sip-trunks")
  Map<String, List<SipTrunkView>> list(Caller caller) {
    caller.require(ACTION, Role.ADMIN);
    trunks.requireLoaded();
    return Map.of("trunks", trunks.all(caller.tenant()).stream().map(SipTrunkView::of).toList());
  }

  @DeleteMapping("/api/v1/sip-trunks/{trunkId}")
  Mono<ResponseEntity<Void>> delete(@PathVariable String trunkId, Caller caller) {
    caller.require(ACTION, Role.ADMIN);
    String tenant = caller.tenant();
    find(tenant, trunkId);
    // A tombstone: every bridge instance forgets the trunk, and its INVITEs are refused.
    return publisher.publish(Topics.SIP_TRUNKS, Topics.tenantKey(tenant, trunkId), null)
        .then(Mono.fromSupplier(() -> {
          log.info("SIP trunk {} of tenant {} deleted", trunkId, tenant);
          return ResponseEntity.noContent().<Void>build();
        }));
  }

  private SipTrunk find(String tenant, String trunkId) {
    RequestIds.id("trunkId", trunkId);
    trunks.requireLoaded();
    return trunks.get(tenant, trunkId).orElseThrow(() -> ApiException.notFound("No SIP trunk " + trunkId));
  }

  /** The record of the request, or a 400 saying what does not fit together. */
  SipTrunk trunk(String tenant, String trunkId, SipTrunkRequest body) {
    SipTrunkDirection direction = SipTrunkDirection.valueOf(body.direction());
    List<AddressBlock> blocks = blocks(body.trustedSources());
    boolean headerRouting = Boolean.TRUE.equals(body.headerRouting());
    if (!body.inbound() && (!blocks.isEmpty() || body.digest() != null || headerRouting)) {
      throw ApiException.badRequest("An OUTBOUND trunk takes no trustedSources, digest or headerRouting");
    }
    if (body.inbound() && blocks.isEmpty() && body.digest() == null) {
      throw ApiException.badRequest("An inbound trunk needs trustedSources, a digest or both");
    }
    if (direction != SipTrunkDirection.INBOUND && body.outbound() == null) {
      throw ApiException.badRequest("An " + direction + " trunk needs outbound");
    }
    if (direction == SipTrunkDirection.INBOUND && body.outbound() != null) {
      throw ApiException.badRequest("An INBOUND trunk takes no outbound");
    }
    SipTrunk.Builder trunk = events.sipTrunk(tenant, trunkId)
        .setDirection(direction)
        .setEnabled(body.enabled() == null || body.enabled())
        .setTrustedSources(blocks.stream().map(AddressBlock::toString).toList())
        .setHeaderRouting(headerRouting);
    if (body.digest() != null) {
      String realm = properties.realm(tenant);
      String username = body.digest().username();
      trunk.setDigestRealm(realm).setDigestUsername(username)
          .setHa1Sha256(Ha1.sha256(username, realm, body.digest().password()))
          .setHa1Md5(Ha1.md5(username, realm, body.digest().password()));
    }
    SipTrunkRequest.Outbound outbound = body.outbound();
    if (outbound != null) {
      if ((outbound.username() == null) != (outbound.password() == null)) {
        throw ApiException.badRequest("outbound.username and outbound.password go together");
      }
      trunk.setOutboundHost(outbound.host().toLowerCase(Locale.ROOT))
          .setOutboundPort(outbound.port() == null ? 5060 : outbound.port())
          .setOutboundTransport(outbound.transport() == null ? "udp" : outbound.transport())
          .setOutboundUsername(outbound.username())
          .setOutboundPassword(outbound.password());
    }
    return trunk.build();
  }

  private static List<AddressBlock> blocks(List<String> sources) {
    if (sources == null) {
      return List.of();
    }
    Set<AddressBlock> blocks = new LinkedHashSet<>();
    for (int i = 0; i < sources.size(); i++) {
      AddressBlock block;
      try {
        block = AddressBlock.parse(sources.get(i));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("trustedSources[" + i + "]: " + e.getMessage());
      }
      int minimum = block.ipv6() ? MIN_IPV6_PREFIX : MIN_IPV4_PREFIX;
      if (block.prefix() < minimum) {
        throw ApiException.badRequest("trustedSources[" + i + "]: " + block + " is wider than /" + minimum);
      }
      if (!blocks.add(block)) {
        throw ApiException.badRequest("trustedSources[" + i + "]: " + block + " is listed twice");
      }
    }
    return List.copyOf(blocks);
  }

  /**
   * 409 when the media bridge could not tell whose an INVITE is: a trusted source overlapping one of
   * another tenant's, the very block of another trunk of the tenant, or another trunk's digest username.
   */
  private void refuseConflicts(String tenant, SipTrunk trunk) {
    List<AddressBlock> blocks = trunk.getTrustedSources().stream().map(AddressBlock::parse).toList();
    for (AddressBlock block : blocks) {
      for (SipTrunk other : trunks.ofOtherTenants(tenant)) {
        if (other.getDirection() != SipTrunkDirection.OUTBOUND
            && sources(other).stream().anyMatch(block::overlaps)) {
          throw ApiException.conflict("Trusted source " + block + " overlaps addresses another tenant's trunk trusts");
        }
      }
      for (SipTrunk other : trunks.all(tenant)) {
        if (!other.getTrunkId().equals(trunk.getTrunkId()) && sources(other).contains(block)) {
          throw ApiException.conflict("Trusted source " + block + " is already trusted by trunk " + other.getTrunkId());
        }
      }
    }
    Optional<SipTrunk> sameUser = trunk.getDigestUsername() == null ? Optional.empty()
        : trunks.all(tenant).stream().filter(other -> !other.getTrunkId().equals(trunk.getTrunkId())
            && trunk.getDigestUsername().equals(other.getDigestUsername())).findFirst();
    sameUser.ifPresent(other -> {
      throw ApiException.conflict("Digest username " + trunk.getDigestUsername() + " is already trunk "
          + other.getTrunkId() + "'s");
    });
  }

  /** A stored trunk's blocks; one written to the topic by hand that does not parse trusts nothing. */
  private static List<AddressBlock> sources(SipTrunk trunk) {
    return trunk.getTrustedSources().stream().flatMap(source -> {
      try {
        return Stream.of(AddressBlock.parse(source));
      } catch (IllegalArgumentException e) {
        return Stream.empty();
      }
    }).toList();
  }
}
