package io.switchboard.routing.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A compact binary form for the routing engine's store values: a format version byte, then fields in
 * a fixed order. A new field means a new version byte, and readers keep reading the older ones, so
 * the changelog written by an older release stays readable.
 */
public abstract class StoreValueCodec<T> {

  private final byte version;

  protected StoreValueCodec(int version) {
    this.version = (byte) version;
  }

  protected abstract void write(T value, DataOutputStream out) throws IOException;

  protected abstract T read(int version, DataInputStream in) throws IOException;

  public Serde<T> serde() {
    return Serdes.serdeFrom((topic, value) -> encode(value), (topic, bytes) -> decode(bytes));
  }

  public byte[] encode(T value) {
    if (value == null) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(version);
      write(value, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public T decode(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int found = in.readByte();
      if (found < 1 || found > version) {
        throw new SerializationException("Unknown store value format " + found + " (this release writes " + version + ")");
      }
      return read(found, in);
    } catch (IOException e) {
      throw new SerializationException("Cannot read store value of " + bytes.length + " bytes", e);
    }
  }

  public static void writeString(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  public static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] utf8 = in.readNBytes(length);
    if (utf8.length != length) {
      throw new IOException("Truncated string: expected " + length + " bytes, found " + utf8.length);
    }
    return new String(utf8, StandardCharsets.UTF_8);
  }

  public static void writeList(DataOutputStream out, Collection<String> values) throws IOException {
    out.writeInt(values.size());
    for (String value : values) {
      writeString(out, value);
    }
  }

  public static List<String> readList(DataInputStream in) throws IOException {
    int size = in.readInt();
    List<String> values = new ArrayList<>(Math.min(size, 1024));
    for (int i = 0; i < size; i++) {
      values.add(readString(in));
    }
    return values;
  }

  public static void writeMap(DataOutputStream out, Map<String, String> values) throws IOException {
    out.writeInt(values.size());
    for (Map.Entry<String, String> entry : values.entrySet()) {
      writeString(out, entry.getKey());
      writeString(out, entry.getValue());
    }
  }

  public static Map<String, String> readMap(DataInputStream in) throws IOException {
    int size = in.readInt();
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      values.put(readString(in), readString(in));
    }
    return values;
  }
}
