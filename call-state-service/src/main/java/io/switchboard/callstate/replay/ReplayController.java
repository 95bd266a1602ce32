package io.switchboard.callstate.replay;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The admin endpoint of replay, on the service's own port (the gateway does not forward it): start
 * one, follow its progress, cancel it, drop the tables the last one replaced.
 */
@RestController
@RequestMapping("/admin/replay")
class ReplayController {

  private final Replay replay;

  ReplayController(Replay replay) {
    this.replay = replay;
  }

  /** Starts a replay: 202 with its status; 409 if one is running. */
  @PostMapping
  Mono<ResponseEntity<ReplayStatus>> start() {
    return Mono.fromCallable(() -> ResponseEntity.status(HttpStatus.ACCEPTED).body(replay.begin()))
        .subscribeOn(Schedulers.boundedElastic());
  }

  @GetMapping
  ReplayStatus status() {
    return replay.status();
  }

  /** Cancels the running replay and answers once it has ended; 409 if none runs. */
  @DeleteMapping
  Mono<ReplayStatus> cancel() {
    return Mono.fromCallable(replay::cancel).subscribeOn(Schedulers.boundedElastic());
  }

  /** Drops the tables the last switch-over replaced: 204; 404 if there are none; 409 during a replay. */
  @DeleteMapping("/retired")
  Mono<ResponseEntity<Void>> dropRetired() {
    return Mono.fromCallable(replay::dropRetired).subscribeOn(Schedulers.boundedElastic())
        .map(dropped -> {
          if (!dropped) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "There are no retired tables");
          }
          return ResponseEntity.noContent().build();
        });
  }
}
