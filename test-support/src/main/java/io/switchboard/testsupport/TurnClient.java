package io.switchboard.testsupport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Just enough of a STUN (RFC 5389) and TURN (RFC 5766) client over UDP to ask a real TURN server
 * for a binding and for a relay allocation with long-term credentials: the 401 with realm and
 * nonce, then the Allocate signed with MESSAGE-INTEGRITY under MD5(username:realm:password).
 */
public final class TurnClient implements AutoCloseable {

  /** What an Allocate ended with: the relayed address on success, else the error code. */
  public record Allocation(int errorCode, InetSocketAddress relayed) {
    public boolean succeeded() {
      return relayed != null;
    }
  }

  private static final int MAGIC_COOKIE = 0x2112A442;
  private static final int BINDING_REQUEST = 0x0001;
  private static final int BINDING_SUCCESS = 0x0101;
  private static final int ALLOCATE_REQUEST = 0x0003;
  private static final int ALLOCATE_SUCCESS = 0x0103;
  private static final int ALLOCATE_ERROR = 0x0113;
  private static final int USERNAME = 0x0006;
  private static final int MESSAGE_INTEGRITY = 0x0008;
  private static final int ERROR_CODE = 0x0009;
  private static final int REALM = 0x0014;
  private static final int NONCE = 0x0015;
  private static final int XOR_RELAYED_ADDRESS = 0x0016;
  private static final int REQUESTED_TRANSPORT = 0x0019;
  private static final byte UDP = 17;

  private final SecureRandom random = new SecureRandom();
  private final DatagramSocket socket;
  private final InetSocketAddress server;

  public TurnClient(InetAddress host, int port) throws IOException {
    this.server = new InetSocketAddress(host, port);
    this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    socket.setSoTimeout(1000);
  }

  /** True when the server answers a Binding request with a success response. */
  public boolean binding() throws IOException {
    Message answer = exchange(new Message(BINDING_REQUEST, transactionId()));
    return answer != null && answer.type == BINDING_SUCCESS;
  }

  /** Asks for a UDP relay with {@code username} and {@code password} (the TURN REST API's pair). */
  public Allocation allocate(String username, String password) throws IOException {
    Message first = new Message(ALLOCATE_REQUEST, transactionId());
    first.attributes.put(REQUESTED_TRANSPORT, new byte[] {UDP, 0, 0, 0});
    Message challenge = exchange(first);
    if (challenge == null || challenge.type != ALLOCATE_ERROR || challenge.errorCode() != 401) {
      throw new IOException("Expected a 401 challenge to an unauthenticated Allocate, got " + challenge);
    }
    byte[] realm = challenge.attributes.get(REALM);
    byte[] nonce = challenge.attributes.get(NONCE);
    Message signed = new Message(ALLOCATE_REQUEST, transactionId());
    signed.attributes.put(REQUESTED_TRANSPORT, new byte[] {UDP, 0, 0, 0});
    signed.attributes.put(USERNAME, username.getBytes(StandardCharsets.UTF_8));
    signed.attributes.put(REALM, realm);
    signed.attributes.put(NONCE, nonce);
    byte[] key = md5(username + ":" + new String(realm, StandardCharsets.UTF_8) + ":" + password);
    Message answer = exchange(signed, key);
    if (answer == null) {
      throw new IOException("No answer to the signed Allocate");
    }
    if (answer.type == ALLOCATE_SUCCESS) {
      return new Allocation(0, answer.xorAddress(XOR_RELAYED_ADDRESS));
    }
    return new Allocation(answer.errorCode(), null);
  }

  @Override
  public void close() {
    socket.close();
  }

  private Message exchange(Message request) throws IOException {
    return exchange(request, null);
  }

  /** Sends and waits for the answer with the same transaction id, retransmitting a few times. */
  private Message exchange(Message request, byte[] integrityKey) throws IOException {
    byte[] bytes = request.encode(integrityKey);
    for (int attempt = 0; attempt < 5; attempt++) {
      socket.send(new DatagramPacket(bytes, bytes.length, server));
      long until = System.nanoTime() + 1_000_000_000L;
      while (System.nanoTime() < until) {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
        } catch (SocketTimeoutException e) {
          break;
        }
        Message answer = Message.decode(Arrays.copyOf(buffer, packet.getLength()));
        if (answer != null && Arrays.equals(answer.transactionId, request.transactionId)) {
          return answer;
        }
      }
    }
    return null;
  }

  private byte[] transactionId() {
    byte[] id = new byte[12];
    random.nextBytes(id);
    return id;
  }

  private static byte[] md5(String text) {
    try {
      return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Message {
    final int type;
    final byte[] transactionId;
    final Map<Integer, byte[]> attributes = new LinkedHashMap<>();

    Message(int type, byte[] transactionId) {
      this.type = type;
      this.transactionId = transactionId;
    }

    byte[] encode(byte[] integrityKey) {
      ByteBuffer body = ByteBuffer.allocate(1024);
      attributes.forEach((attribute, value) -> {
        body.putShort((short) attribute.intValue()).putShort((short) value.length).put(value);
        body.put(new byte[(4 - value.length % 4) % 4]);
      });
      int length = body.position() + (integrityKey == null ? 0 : 24);
      ByteBuffer message = ByteBuffer.allocate(20 + length);
      message.putShort((short) type).putShort((short) length).putInt(MAGIC_COOKIE).put(transactionId);
      message.put(body.array(), 0, body.position());
      if (integrityKey != null) {
        // The HMAC covers everything before the attribute, with the length already counting it.
        byte[] hmac = hmacSha1(integrityKey, Arrays.copyOf(message.array(), message.position()));
        message.putShort((short) MESSAGE_INTEGRITY).putShort((short) 20).put(hmac);
      }
      return message.array();
    }

    static Message decode(byte[] bytes) {
      if (bytes.length < 20) {
        return null;
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      int type = buffer.getShort() & 0xFFFF;
      int length = buffer.getShort() & 0xFFFF;
      if (buffer.getInt() != MAGIC_COOKIE || 20 + length > bytes.length) {
        return null;
      }
      byte[] id = new byte[12];
      buffer.get(id);
      Message message = new Message(type, id);
      while (buffer.position() + 4 <= 20 + length) {
        int attribute = buffer.getShort() & 0xFFFF;
        int size = buffer.getShort() & 0xFFFF;
        if (buffer.position() + size > bytes.length) {
          return null;
        }
        byte[] value = new byte[size];
        buffer.get(value);
        buffer.position(Math.min(buffer.limit(), buffer.position() + (4 - size % 4) % 4));
        message.attributes.putIfAbsent(attribute, value);
      }
      return message;
    }

    int errorCode() {
      byte[] value = attributes.get(ERROR_CODE);
      return value == null || value.length < 4 ? 0 : (value[2] & 0x07) * 100 + (value[3] & 0xFF);
    }

    InetSocketAddress xorAddress(int attribute) {
      byte[] value = attributes.get(attribute);
      if (value == null || value.length < 8 || value[1] != 0x01) {
        return null;
      }
      int port = (((value[2] & 0xFF) << 8) | (value[3] & 0xFF)) ^ (MAGIC_COOKIE >>> 16);
      byte[] address = new byte[4];
      for (int i = 0; i < 4; i++) {
        address[i] = (byte) (value[4 + i] ^ (MAGIC_COOKIE >>> (24 - 8 * i)));
      }
      try {
        return new InetSocketAddress(InetAddress.getByAddress(address), port);
      } catch (IOException e) {
        return null;
      }
    }

    private static byte[] hmacSha1(byte[] key, byte[] data) {
      try {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        return mac.doFinal(data);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String toString() {
      return String.format("STUN message 0x%04x (error %d)", type, errorCode());
    }
  }
}
