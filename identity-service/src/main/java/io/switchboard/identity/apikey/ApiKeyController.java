package io.switchboard.identity.apikey;

import io.switchboard.identity.apikey.ApiKeyRequests.ApiKeyView;
import io.switchboard.identity.apikey.ApiKeyRequests.CreatedApiKey;
import io.switchboard.identity.apikey.ApiKeyRequests.NewApiKey;
import io.switchboard.identity.client.Clients;
import io.switchboard.identity.user.AdminAction;
import io.switchboard.identity.user.AuditedChanges;
import io.switchboard.identity.user.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API keys of the caller's tenant (role admin, checked by the API's filter chain). */
@RestController
@RequestMapping("/api/v1/api-keys")
class ApiKeyController {

  private final ApiKeyAdmin admin;
  private final AuditedChanges audited;

  ApiKeyController(ApiKeyAdmin admin, AuditedChanges audited) {
    this.admin = admin;
    this.audited = audited;
  }

  @GetMapping
  List<ApiKeyView> list(@AuthenticationPrincipal Jwt token) {
    return admin.list(Caller.of(token)).stream().map(ApiKeyView::of).toList();
  }

  /** The id is chosen first, so that a refused create's event names the key it would have been. */
  @PostMapping
  ResponseEntity<CreatedApiKey> create(@AuthenticationPrincipal Jwt token, @Valid @RequestBody NewApiKey request,
      HttpServletRequest http) {
    Caller caller = Caller.of(token);
    String clientId = Clients.newApiKeyId();
    CreatedApiKey created = audited.run(caller, http,
        AdminAction.apiKeyCreated(clientId, request.name(), request.distinctRoles(), request.expiresAt()),
        () -> admin.create(caller, clientId, request));
    return ResponseEntity.created(URI.create("/api/v1/api-keys/" + clientId))
        .cacheControl(CacheControl.noStore()).body(created);
  }

  @DeleteMapping("/{clientId}")
  ResponseEntity<Void> revoke(@AuthenticationPrincipal Jwt token, @PathVariable String clientId,
      HttpServletRequest http) {
    Caller caller = Caller.of(token);
    audited.run(caller, http, AdminAction.apiKeyRevoked(clientId), () -> admin.revoke(caller, clientId));
    return ResponseEntity.noContent().build();
  }
}
