package io.switchboard.gateway.call;

/** Body of {@code PATCH /api/v1/calls/{callId}/participants/me}: the media to turn on (true) or off (false). */
record MediaRequest(Boolean audio, Boolean video, Boolean screenShare) {

  CallControl.Media toMedia() {
    return new CallControl.Media(audio, video, screenShare);
  }
}
