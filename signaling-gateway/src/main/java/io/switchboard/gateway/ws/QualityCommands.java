package io.switchboard.gateway.ws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.gateway.call.CallControl;
import io.switchboard.gateway.call.CallParties;
import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.logging.CallLog;
import io.switchboard.gateway.quality.QualitySample;
import io.switchboard.gateway.web.RequestIds;
import io.switchboard.schemas.avro.QualityEvent;
import io.switchboard.schemas.call.CallState;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * {@code call:quality_update}: a party's measure of one of its call's media streams, published on
 * quality.events with the E-model's MOS for voice (docs/quality.md). A bad sample, or one about a call
 * the sender is no party to, is answered with {@code call:error}; a sample sooner than a second after
 * the last of the same call and media type is dropped silently. Each outcome is counted in
 * {@value #SAMPLES} (tag {@code outcome}).
 */
final class QualityCommands {

  static final String TYPE = "call:quality_update";
  static final String SAMPLES = "switchboard.quality.samples";
  /** The participant id of a call's customer, on quality samples and participant frames. */
  static final String CUSTOMER = CallControl.CUSTOMER;

  /** The states in which the parties' media is set up or flows (as for WebRTC signaling). */
  private static final Set<CallState> MEDIA_STATES =
      EnumSet.of(CallState.CONNECTING, CallState.CONNECTED, CallState.ON_HOLD, CallState.RECONNECTING);
  private static final Logger log = LoggerFactory.getLogger(QualityCommands.class);

  private final Frames frames;
  private final CallParties parties;
  private final EventFactory events;
  private final EventPublisher publisher;
  private final Clock clock;
  private final Counter published;
  private final Counter invalid;
  private final Counter throttled;
  private final Counter refused;
  private final Counter failed;

  QualityCommands(Frames frames, CallParties parties, EventFactory events, EventPublisher publisher, Clock clock,
      MeterRegistry meters) {
    this.frames = frames;
    this.parties = parties;
    this.events = events;
    this.publisher = publisher;
    this.clock = clock;
    this.published = counter(meters, "published");
    this.invalid = counter(meters, "invalid");
    this.throttled = counter(meters, "throttled");
    this.refused = counter(meters, "refused");
    this.failed = counter(meters, "failed");
  }

  private static Counter counter(MeterRegistry meters, String outcome) {
    return Counter.builder(SAMPLES).tag("outcome", outcome)
        .description("call:quality_update samples by what became of them").register(meters);
  }

  /** Never fails: every refusal is a {@code call:error} frame or, for a throttled sample, nothing. */
  Mono<Void> handle(AgentSession session, Frames.ClientFrame frame) {
    String callId = frame.text("callId");
    if (!RequestIds.isValidId(callId)) {
      invalid.increment();
      session.send(frames.error(TYPE + " needs a callId matching " + RequestIds.ID_PATTERN, null));
      return Mono.empty();
    }
    QualitySample sample;
    try {
      sample = QualitySample.from(frame.data());
    } catch (QualitySample.InvalidSampleException e) {
      invalid.increment();
      session.send(frames.error(e.getMessage(), callId));
      return Mono.empty();
    }
    if (!session.samples().admit(callId, sample.mediaType(), clock.instant())) {
      throttled.increment();
      return Mono.empty();
    }
    return parties.of(session.caller(), callId)
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(found -> {
          if (found.isEmpty()) {
            refused.increment();
            session.send(frames.error("Call " + callId + " not found", callId));
            return Mono.<Void>empty();
          }
          CallParties.PartyCall call = found.get();
          if (!MEDIA_STATES.contains(call.state())) {
            refused.increment();
            session.send(frames.error("Call " + callId + " is " + call.state() + "; quality samples need a call "
                + "with media (CONNECTING, CONNECTED, ON_HOLD or RECONNECTING)", callId));
            return Mono.<Void>empty();
          }
          return publisher.quality(event(session, call, callId, sample)).doOnSuccess(done -> published.increment());
        })
        .onErrorResume(error -> {
          failed.increment();
          try (CallLog ignored = CallLog.of(callId, session.agent().agentId())) {
            log.warn("{} of call {} failed: {}", TYPE, callId, error.getMessage());
          }
          session.send(frames.error("Could not record the quality of call " + callId + ": " + error.getMessage(),
              callId));
          return Mono.empty();
        });
  }

  private QualityEvent event(AgentSession session, CallParties.PartyCall call, String callId, QualitySample sample) {
    return events.quality(session.caller().tenant(), callId)
        .setParticipantId(call.side() == CallParties.Side.AGENT ? session.caller().agentId() : CUSTOMER)
        .setMediaType(sample.mediaType())
        .setJitterMs(sample.jitterMs())
        .setPacketLossPercent(sample.packetLossPercent())
        .setRttMs(sample.rttMs())
        .setMos(sample.mos())
        .setBitrateKbps(sample.bitrateKbps())
        .setCodec(sample.codec())
        .setFramesPerSecond(sample.framesPerSecond())
        .setWidth(sample.width())
        .setHeight(sample.height())
        .build();
  }
}
