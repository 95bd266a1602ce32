package io.switchboard.gateway.ws;

import io.switchboard.gateway.call.CallControl;
import io.switchboard.gateway.call.TransferRequest;
import io.switchboard.gateway.logging.CallLog;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.gateway.web.RequestIds;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Call control over the WebSocket: the same {@link CallControl} as the REST routes, with the
 * session's caller, so the same roles, states and 409s apply. A refusal is answered with
 * {@code call:error} carrying the REST answer's message; a control that succeeded is seen in the
 * call's events (its state on {@code GET /api/v1/calls/{id}}).
 */
final class CallCommands {

  static final Set<String> TYPES = Set.of("call:hold", "call:resume", "call:toggle_audio", "call:toggle_video",
      "call:toggle_screen_share", "call:transfer", "call:wrap_up");

  private static final Logger log = LoggerFactory.getLogger(CallCommands.class);

  private final Frames frames;
  private final CallControl control;

  CallCommands(Frames frames, CallControl control) {
    this.frames = frames;
    this.control = control;
  }

  Mono<Void> handle(AgentSession session, Frames.ClientFrame frame) {
    String callId = frame.text("callId");
    if (!RequestIds.isValidId(callId)) {
      session.send(frames.error(frame.type() + " needs a callId matching " + RequestIds.ID_PATTERN, null));
      return Mono.empty();
    }
    Mono<CallControl.Controlled> controlled;
    try {
      controlled = run(session, frame, callId);
    } catch (ApiException refused) {
      controlled = Mono.error(refused);
    }
    return controlled.then().onErrorResume(error -> {
      try (CallLog ignored = CallLog.of(callId, session.caller().agentId())) {
        log.info("{} of call {} refused: {}", frame.type(), callId, error.getMessage());
      }
      String message = error instanceof ApiException ? error.getMessage()
          : "Could not " + frame.type() + " call " + callId + ": " + error.getMessage();
      session.send(frames.error(message, callId));
      return Mono.empty();
    });
  }

  private Mono<CallControl.Controlled> run(AgentSession session, Frames.ClientFrame frame, String callId) {
    switch (frame.type()) {
      case "call:hold":
        return control.hold(session.caller(), callId);
      case "call:resume":
        return control.resume(session.caller(), callId);
      case "call:toggle_audio":
        return control.media(session.caller(), callId, new CallControl.Media(enabled(frame), null, null));
      case "call:toggle_video":
        return control.media(session.caller(), callId, new CallControl.Media(null, enabled(frame), null));
      case "call:toggle_screen_share":
        return control.media(session.caller(), callId, new CallControl.Media(null, null, enabled(frame)));
      case "call:transfer":
        TransferRequest transfer = new TransferRequest(frame.text("agentId"), frame.text("queue"), frame.text("number"));
        return control.transfer(session.caller(), callId, transfer.type(), transfer.target());
      case "call:wrap_up":
        return control.wrapUp(session.caller(), callId, frame.text("disposition"), frame.text("notes"));
      default:
        throw new IllegalArgumentException("Not a call control: " + frame.type());
    }
  }

  /** {@code enabled}: true or false, as the page's toggle now stands. */
  private static Boolean enabled(Frames.ClientFrame frame) {
    JsonNode value = frame.data().get("enabled");
    if (value == null || !value.isBoolean()) {
      throw ApiException.badRequest(frame.type() + " needs enabled: true or false");
    }
    return value.booleanValue();
  }
}
