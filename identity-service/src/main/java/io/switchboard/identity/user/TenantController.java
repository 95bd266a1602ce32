package io.switchboard.identity.user;

import io.switchboard.identity.firststart.BootstrapProperties;
import io.switchboard.identity.user.UserRequests.NewTenant;
import io.switchboard.identity.user.UserRequests.TenantView;
import io.switchboard.identity.user.UserRequests.UserView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tenants: created, with their first admin, by admins of the bootstrap tenant only. */
@RestController
@RequestMapping("/api/v1/tenants")
class TenantController {

  private final UserAdmin admin;
  private final AuditedChanges audited;
  private final String bootstrapTenant;

  TenantController(UserAdmin admin, AuditedChanges audited, BootstrapProperties bootstrap) {
    this.admin = admin;
    this.audited = audited;
    this.bootstrapTenant = bootstrap.bootstrapTenant();
  }

  /** All tenants for an admin of the bootstrap tenant; only their own for any other admin. */
  @GetMapping
  List<String> list(@AuthenticationPrincipal Jwt token) {
    return admin.tenants(Caller.of(token), bootstrapTenant);
  }

  @PostMapping
  ResponseEntity<TenantView> create(@AuthenticationPrincipal Jwt token, @Valid @RequestBody NewTenant request,
      HttpServletRequest http) {
    Caller caller = Caller.of(token);
    UserAccount created = audited.run(caller, http, AdminAction.tenantCreated(request),
        () -> admin.createTenant(caller, bootstrapTenant, request));
    return ResponseEntity.created(URI.create("/api/v1/tenants/" + request.tenant()))
        .body(new TenantView(request.tenant(), UserView.of(created)));
  }
}
