package io.switchboard.gateway.call;

import io.switchboard.gateway.security.Caller;
import io.switchboard.schemas.avro.TransferTargetType;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * REST for {@link CallControl}: hold, resume, the caller's media, blind transfer and wrap-up. Each answers 202
 * once its event is on call.events: call-state shows its effect when it has projected it.
 */
@RestController
@RequestMapping("/api/v1/calls/{callId}")
class CallControlController {

  private final CallControl control;

  CallControlController(CallControl control) {
    this.control = control;
  }

  @PostMapping("/hold")
  Mono<ResponseEntity<Map<String, Object>>> hold(@PathVariable String callId, Caller caller) {
    return control.hold(caller, callId).map(done -> accepted(done, Map.of()));
  }

  @PostMapping("/resume")
  Mono<ResponseEntity<Map<String, Object>>> resume(@PathVariable String callId, Caller caller) {
    return control.resume(caller, callId).map(done -> accepted(done, Map.of()));
  }

  @PatchMapping("/participants/me")
  Mono<ResponseEntity<Map<String, Object>>> media(@PathVariable String callId, Caller caller,
      @Valid @RequestBody MediaRequest body) {
    return control.media(caller, callId, body.toMedia()).map(done -> accepted(done, Map.of()));
  }

  @PostMapping("/transfer")
  Mono<ResponseEntity<Map<String, Object>>> transfer(@PathVariable String callId, Caller caller,
      @Valid @RequestBody TransferRequest body) {
    TransferTargetType type = body.type();
    return control.transfer(caller, callId, type, body.target())
        .map(done -> accepted(done, Map.of("targetType", type.name(), "target", body.target())));
  }

  @PostMapping("/wrap-up")
  Mono<ResponseEntity<Map<String, Object>>> wrapUp(@PathVariable String callId, Caller caller,
      @Valid @RequestBody WrapUpRequest body) {
    return control.wrapUp(caller, callId, body.disposition(), body.notes())
        .map(done -> accepted(done, Map.of("disposition", body.disposition())));
  }

  private static ResponseEntity<Map<String, Object>> accepted(CallControl.Controlled done, Map<String, Object> more) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("callId", done.callId());
    answer.putAll(more);
    answer.put("eventId", done.eventId());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
  }
}
