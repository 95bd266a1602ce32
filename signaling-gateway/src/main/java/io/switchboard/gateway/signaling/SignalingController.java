package io.switchboard.gateway.signaling;

import io.switchboard.gateway.security.Caller;
import io.switchboard.schemas.avro.SignalingMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * WebRTC signaling for clients without a WebSocket: REST sends, and the other party receives on its
 * WebSocket (docs/gateway.md, *WebRTC signaling*). The answer is 202 once the message is on the
 * {@code signaling} topic.
 */
@RestController
@RequestMapping("/api/v1/calls/{callId}/webrtc")
class SignalingController {

  private final Signals signals;

  SignalingController(Signals signals) {
    this.signals = signals;
  }

  @PostMapping("/offer")
  Mono<ResponseEntity<Map<String, String>>> offer(@PathVariable String callId, Caller caller,
      @RequestBody(required = false) SignalRequest body) {
    return send(caller, callId, SignalKind.OFFER, body);
  }

  @PostMapping("/answer")
  Mono<ResponseEntity<Map<String, String>>> answer(@PathVariable String callId, Caller caller,
      @RequestBody(required = false) SignalRequest body) {
    return send(caller, callId, SignalKind.ANSWER, body);
  }

  @PostMapping("/ice-candidate")
  Mono<ResponseEntity<Map<String, String>>> candidate(@PathVariable String callId, Caller caller,
      @RequestBody(required = false) SignalRequest body) {
    return send(caller, callId, SignalKind.ICE_CANDIDATE, body);
  }

  private Mono<ResponseEntity<Map<String, String>>> send(Caller caller, String callId, SignalKind kind,
      SignalRequest body) {
    return signals.send(caller, callId, kind, body).map(SignalingController::accepted);
  }

  private static ResponseEntity<Map<String, String>> accepted(SignalingMessage message) {
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("callId", message.getCallId());
    answer.put("eventId", message.getEventId().toString());
    answer.put("from", message.getFrom());
    answer.put("to", message.getTo());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
  }
}
