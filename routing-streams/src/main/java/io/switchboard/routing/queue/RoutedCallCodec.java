package io.switchboard.routing.queue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Store form of {@link RoutedCall}, format 1. */
final class RoutedCallCodec extends StoreValueCodec<RoutedCall> {

  RoutedCallCodec() {
    super(1);
  }

  @Override
  void write(RoutedCall call, DataOutputStream out) throws IOException {
    writeString(out, call.callId());
    writeString(out, call.direction());
    writeMap(out, call.attributes());
    writeList(out, call.tags());
    writeString(out, call.phase().name());
    writeString(out, call.queue());
    out.writeInt(call.priority());
    out.writeLong(call.enqueuedAt());
    writeString(out, call.agentId());
    writeString(out, call.reservationId());
    out.writeLong(call.expiresAt());
    writeString(out, call.refusedBy());
  }

  @Override
  RoutedCall read(int version, DataInputStream in) throws IOException {
    return new RoutedCall(readString(in), readString(in), readMap(in), readList(in),
        RoutedCall.Phase.valueOf(readString(in)), readString(in), in.readInt(), in.readLong(),
        readString(in), readString(in), in.readLong(), readString(in));
  }
}
