package io.switchboard.identity.user;

import io.switchboard.identity.user.UserRequests.NewPassword;
import io.switchboard.identity.user.UserRequests.NewUser;
import io.switchboard.identity.user.UserRequests.UserChanges;
import io.switchboard.identity.user.UserRequests.UserView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Logins of the caller's tenant (role admin, checked by the API's filter chain). */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

  private final UserAdmin admin;
  private final AuditedChanges audited;

  UserController(UserAdmin admin, AuditedChanges audited) {
    this.admin = admin;
    this.audited = audited;
  }

  @GetMapping
  List<UserView> list(@AuthenticationPrincipal Jwt token) {
    return admin.list(Caller.of(token)).stream().map(UserView::of).toList();
  }

  @PostMapping
  ResponseEntity<UserView> create(@AuthenticationPrincipal Jwt token, @Valid @RequestBody NewUser request,
      HttpServletRequest http) {
    Caller caller = Caller.of(token);
    UserAccount user = audited.run(caller, http, AdminAction.created(request), () -> admin.create(caller, request));
    return ResponseEntity.created(URI.create("/api/v1/users/" + user.username())).body(UserView.of(user));
  }

  @GetMapping("/{username}")
  UserView get(@AuthenticationPrincipal Jwt token, @PathVariable String username) {
    return UserView.of(admin.get(Caller.of(token), username));
  }

  @PatchMapping("/{username}")
  UserView update(@AuthenticationPrincipal Jwt token, @PathVariable String username,
      @Valid @RequestBody UserChanges changes, HttpServletRequest http) {
    Caller caller = Caller.of(token);
    return UserView.of(audited.run(caller, http, AdminAction.changed(username, changes),
        () -> admin.update(caller, username, changes)));
  }

  @PutMapping("/{username}/password")
  ResponseEntity<Void> password(@AuthenticationPrincipal Jwt token, @PathVariable String username,
      @Valid @RequestBody NewPassword request, HttpServletRequest http) {
    Caller caller = Caller.of(token);
    audited.run(caller, http, AdminAction.passwordReset(username),
        () -> admin.setPassword(caller, username, request.password()));
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/{username}")
  ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt token, @PathVariable String username,
      HttpServletRequest http) {
    Caller caller = Caller.of(token);
    audited.run(caller, http, AdminAction.deleted(username), () -> admin.delete(caller, username));
    return ResponseEntity.noContent().build();
  }
}
