package io.switchboard.gateway.call;

import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import io.switchboard.gateway.web.ApiException;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * Who may act on a call (docs/security.md): roles that may act on any call of their tenant, and
 * roles that may act only on their own (a customer on the calls it created, an agent on the calls
 * routed to it). The call is read from call-state with the caller's tenant, so another tenant's call
 * is a 404; so is a call of the tenant that the caller does not own, which tells it nothing more.
 *
 * @param action what the caller asked, for the 403 message
 * @param anyCall roles that may act on every call of their tenant
 * @param ownCall roles that may act on their own calls only
 */
record CallAccess(String action, Set<Role> anyCall, Set<Role> ownCall) {

  static final CallAccess READ = new CallAccess("read calls",
      EnumSet.of(Role.SUPERVISOR, Role.ADMIN), EnumSet.of(Role.CUSTOMER, Role.AGENT));
  static final CallAccess END = new CallAccess("end calls",
      EnumSet.of(Role.SUPERVISOR), EnumSet.of(Role.CUSTOMER, Role.AGENT));
  static final CallAccess CALLBACK = new CallAccess("ask for a callback",
      EnumSet.of(Role.SUPERVISOR), EnumSet.of(Role.CUSTOMER));
  static final CallAccess PRIORITY = new CallAccess("change a call's priority",
      EnumSet.of(Role.SUPERVISOR), EnumSet.noneOf(Role.class));
  static final CallAccess ASSIGN = new CallAccess("force-assign calls",
      EnumSet.of(Role.SUPERVISOR), EnumSet.noneOf(Role.class));
  static final CallAccess HOLD = new CallAccess("hold or resume calls",
      EnumSet.of(Role.SUPERVISOR), EnumSet.of(Role.AGENT));
  static final CallAccess TRANSFER = new CallAccess("transfer calls",
      EnumSet.of(Role.SUPERVISOR), EnumSet.of(Role.AGENT));
  /** A participant's own microphone, camera and screen: the call's agent and the call's customer. */
  static final CallAccess MEDIA = new CallAccess("change a call's media",
      EnumSet.noneOf(Role.class), EnumSet.of(Role.AGENT, Role.CUSTOMER));
  static final CallAccess WRAP_UP = new CallAccess("wrap up calls",
      EnumSet.of(Role.SUPERVISOR), EnumSet.of(Role.AGENT));

  /** Fails with a 403 when no role of the caller may do this to any call at all. */
  void requireRole(Caller caller) {
    if (Stream.concat(anyCall.stream(), ownCall.stream()).noneMatch(caller::is)) {
      throw Caller.forbidden(action, Stream.concat(anyCall.stream(), ownCall.stream()).toArray(Role[]::new));
    }
  }

  /** The call, if the caller may act on it: empty when its tenant has no such call or the caller does not own it. */
  Mono<CallView> find(CallStateClient callState, Caller caller, String callId) {
    requireRole(caller);
    return callState.find(caller.tenant(), callId).filter(call -> allows(caller, call));
  }

  /** call-state's answer for the call as it is, or a 404 when the caller may not see it. */
  Mono<ResponseEntity<String>> read(CallStateClient callState, Caller caller, String callId) {
    requireRole(caller);
    return callState.get(caller.tenant(), callId).map(response -> {
      if (!response.getStatusCode().is2xxSuccessful() || anyCall.stream().anyMatch(caller::is)) {
        return response;
      }
      if (response.getBody() != null && allows(caller, parse(response.getBody()))) {
        return response;
      }
      throw notFound(callId);
    });
  }

  boolean allows(Caller caller, CallView call) {
    if (anyCall.stream().anyMatch(caller::is)) {
      return true;
    }
    return ownCall.contains(Role.CUSTOMER) && caller.is(Role.CUSTOMER) && caller.subject().equals(call.customerId())
        || ownCall.contains(Role.AGENT) && caller.agentId() != null && caller.isAgent(call.agentId());
  }

  static ApiException notFound(String callId) {
    return ApiException.notFound("Call " + callId + " not found");
  }

  private static CallView parse(String body) {
    try {
      return CallView.parse(body);
    } catch (JacksonException e) {
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
          "The call-state service answered an unreadable call: " + e.getOriginalMessage());
    }
  }
}
