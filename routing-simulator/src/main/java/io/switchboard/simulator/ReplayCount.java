package io.switchboard.simulator;

/** What a replay left out or adjusted, and why; counted so that the report says so. */
enum ReplayCount {
  UNDECODABLE("records that could not be decoded, skipped"),
  DUPLICATE("duplicate events (same eventId), ignored"),
  NOT_QUEUED("calls never queued (outbound, internal or direct), not routing workload"),
  QUEUED_BEFORE_WINDOW("calls queued before the replay window, left out"),
  STILL_WAITING("calls still waiting at the end of the recording, left out: patience and handle time unknown"),
  ENDED_UNANSWERED("calls ended unanswered other than by the caller (e.g. FAILED by a queue limit), left out"),
  NO_HANDLE_TIME("abandoned calls left out: the recording has no answered call to take a handle time from"),
  HANDLE_TIME_CUT("answered calls still talking at the end of the recording: handle time cut there"),
  HANDLE_TIME_DRAWN("abandoned calls given a handle time drawn from their queue's answered calls");

  private final String description;

  ReplayCount(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }
}
