package io.switchboard.routing.crash;

import io.switchboard.routing.crash.OfferInvariants.CallEnd;
import io.switchboard.schemas.avro.RoutingDecision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Writes a run's decisions and call ends in time order to a file, to diagnose a violation. */
final class HistoryDump {

  private HistoryDump() {}

  static void write(Path file, List<RoutingDecision> decisions, Map<String, CallEnd> ends) {
    List<String[]> lines = new ArrayList<>();
    for (RoutingDecision d : decisions) {
      lines.add(new String[] {d.getOccurredAt().toString(), d.getCallId() + " " + d.getSource() + " "
          + d.getPayload().getClass().getSimpleName() + " " + d.getPayload() + " — " + d.getReason()});
    }
    ends.forEach((callId, end) -> lines.add(new String[] {end.at().toString(),
        callId + " test CallEnded" + (end.callerHungUp() ? " (caller hung up)" : "")}));
    lines.sort(Comparator.comparing((String[] line) -> line[0]));
    try {
      Files.write(file, lines.stream().map(line -> line[0] + " " + line[1]).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
