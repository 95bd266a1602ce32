package io.switchboard.routing.queue;

import io.switchboard.routing.store.StoreValueCodec;
import io.switchboard.routing.queue.RoutedCall.Offer;
import io.switchboard.routing.queue.RoutedCall.Phase;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Store form of {@link RoutedCall}. Format 3 adds the time the call entered its current queue and the
 * callback flag; format 2 (sort key, several offers, answer time, refusals) and format 1 (one offer,
 * one refuser) still read, as calls that entered their queue at {@code enqueuedAt} and are no callback.
 */
final class RoutedCallCodec extends StoreValueCodec<RoutedCall> {

  RoutedCallCodec() {
    super(3);
  }

  @Override
  protected void write(RoutedCall call, DataOutputStream out) throws IOException {
    writeString(out, call.callId());
    writeString(out, call.direction());
    writeMap(out, call.attributes());
    writeList(out, call.tags());
    writeString(out, call.phase().name());
    writeString(out, call.queue());
    out.writeInt(call.priority());
    out.writeLong(call.enqueuedAt());
    out.writeLong(call.sortKey());
    out.writeInt(call.offers().size());
    for (Offer offer : call.offers()) {
      writeString(out, offer.agentId());
      writeString(out, offer.reservationId());
    }
    out.writeLong(call.expiresAt());
    writeString(out, call.agentId());
    out.writeLong(call.connectedAt());
    out.writeInt(call.refusals().size());
    for (Map.Entry<String, Long> refusal : call.refusals().entrySet()) {
      writeString(out, refusal.getKey());
      out.writeLong(refusal.getValue());
    }
    out.writeLong(call.queuedAt());
    out.writeBoolean(call.callback());
  }

  @Override
  protected RoutedCall read(int version, DataInputStream in) throws IOException {
    String callId = readString(in);
    String direction = readString(in);
    Map<String, String> attributes = readMap(in);
    List<String> tags = readList(in);
    Phase phase = Phase.valueOf(readString(in));
    String queue = readString(in);
    int priority = in.readInt();
    long enqueuedAt = in.readLong();
    if (version == 1) {
      return readVersion1(in, callId, direction, attributes, tags, phase, queue, priority, enqueuedAt);
    }
    long sortKey = in.readLong();
    List<Offer> offers = readOffers(in);
    long expiresAt = in.readLong();
    String agentId = readString(in);
    long connectedAt = in.readLong();
    Map<String, Long> refusals = readRefusals(in);
    long queuedAt = version >= 3 ? in.readLong() : enqueuedAt;
    boolean callback = version >= 3 && in.readBoolean();
    return new RoutedCall(callId, direction, attributes, tags, phase, queue, priority, enqueuedAt, sortKey, offers,
        expiresAt, agentId, connectedAt, refusals, queuedAt, callback);
  }

  private static RoutedCall readVersion1(DataInputStream in, String callId, String direction,
      Map<String, String> attributes, List<String> tags, Phase phase, String queue, int priority, long enqueuedAt)
      throws IOException {
    String agentId = readString(in);
    String reservationId = readString(in);
    long expiresAt = in.readLong();
    String refusedBy = readString(in);
    List<Offer> offers = phase == Phase.OFFERED ? List.of(new Offer(agentId, reservationId)) : List.of();
    Map<String, Long> refusals = refusedBy == null ? Map.of() : Map.of(refusedBy, 0L);
    // Format 1 ordered by priority then age with no aging: the same order as this sort key at rate 0.
    return new RoutedCall(callId, direction, attributes, tags, phase, queue, priority, enqueuedAt,
        WaitingOrder.sortKey(priority, enqueuedAt, 0), offers, expiresAt,
        phase == Phase.CONNECTED ? agentId : null, 0, refusals, enqueuedAt, false);
  }

  private static List<Offer> readOffers(DataInputStream in) throws IOException {
    int count = in.readInt();
    List<Offer> offers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      offers.add(new Offer(readString(in), readString(in)));
    }
    return offers;
  }

  private static Map<String, Long> readRefusals(DataInputStream in) throws IOException {
    int count = in.readInt();
    Map<String, Long> refusals = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      refusals.put(readString(in), in.readLong());
    }
    return refusals;
  }
}
