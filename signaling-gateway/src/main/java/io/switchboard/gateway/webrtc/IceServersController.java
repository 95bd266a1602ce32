package io.switchboard.gateway.webrtc;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/webrtc/ice-servers}: the {@code iceServers} of an {@code RTCConfiguration}
 * for the caller's peer connections, with TURN credentials of its own (docs/webrtc.md).
 */
@RestController
@RequestMapping("/api/v1/webrtc")
class IceServersController {

  /** Whoever takes part in a call from a page. */
  private static final Role[] PARTIES = {Role.CUSTOMER, Role.AGENT, Role.SUPERVISOR};

  /** As RTCIceServer: {@code urls}, and for TURN {@code username} and {@code credential}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record IceServer(List<String> urls, String username, String credential) {}

  /**
   * The servers, and until when the TURN credentials among them are valid ({@code ttlSeconds} from
   * now): a page asks again before then.
   */
  record IceServers(List<IceServer> iceServers, Instant expiresAt, long ttlSeconds) {}

  private final IceServerProperties properties;
  private final TurnCredentials credentials;

  IceServersController(IceServerProperties properties, TurnCredentials credentials) {
    this.properties = properties;
    this.credentials = credentials;
  }

  @GetMapping("/ice-servers")
  ResponseEntity<IceServers> iceServers(Caller caller) {
    caller.require("get ICE servers", PARTIES);
    List<IceServer> servers = new ArrayList<>();
    if (!properties.stunUrls().isEmpty()) {
      servers.add(new IceServer(properties.stunUrls(), null, null));
    }
    Instant expiresAt = credentials.expiry();
    if (properties.hasTurn()) {
      TurnCredentials.Credential credential = credentials.issue(caller);
      servers.add(new IceServer(properties.turnUrls(), credential.username(), credential.password()));
      expiresAt = credential.expiresAt();
    }
    // Credentials: never kept by a cache between the page and the gateway.
    return ResponseEntity.ok().cacheControl(CacheControl.noStore())
        .body(new IceServers(servers, expiresAt, properties.turnTtl().toSeconds()));
  }
}
