package io.switchboard.media.sip.registrar;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Self-validating nonces: {@code base64url(issued-at millis | 8 random bytes | HMAC-SHA256(key,
 * issued-at | random | realm)[0..16))}. Any instance holding the key can check one without having
 * stored it; a nonce past its lifetime is stale, not invalid, so the client is asked again with
 * {@code stale=true} and does not prompt for a password.
 *
 * <p>Each nonce's highest nonce count is remembered until the nonce expires, so that a nonce/nc
 * pair is accepted once. Memory is bounded: when {@code maxTracked} nonces are remembered the
 * oldest is forgotten, and every nonce issued up to it is then treated as stale.
 */
public final class Nonces {

  /** What a nonce presented by a client is worth. */
  public enum Validity {
    /** Signed by this key for this realm and within its lifetime. */
    VALID,
    /** Signed by this key for this realm, but past its lifetime: challenge again with stale=true. */
    STALE,
    /** Not one of ours. */
    INVALID
  }

  private static final int RANDOM_BYTES = 8;
  private static final int MAC_BYTES = 16;
  private static final int LENGTH = Long.BYTES + RANDOM_BYTES + MAC_BYTES;

  private final SecretKeySpec key;
  private final Duration lifetime;
  private final Clock clock;
  private final int maxTracked;
  private final SecureRandom random = new SecureRandom();
  /** Nonce → highest nc accepted, in order of first use (so roughly of issue). */
  private final LinkedHashMap<String, Tracked> used = new LinkedHashMap<>();
  /** Nonces issued at or before this instant and not remembered are stale: their counts were forgotten early. */
  private long forgottenUpTo = Long.MIN_VALUE;

  private record Tracked(long issuedAt, long nc) {}

  public Nonces(byte[] key, Duration lifetime, Clock clock, int maxTracked) {
    if (key.length < 16) {
      throw new IllegalArgumentException("The nonce key needs at least 16 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    this.lifetime = lifetime;
    this.clock = clock;
    this.maxTracked = maxTracked;
  }

  /** A key of 32 random bytes, for a process whose nonces need not be checked elsewhere. */
  public static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  Duration lifetime() {
    return lifetime;
  }

  public String issue(String realm) {
    byte[] nonce = new byte[LENGTH];
    ByteBuffer buffer = ByteBuffer.wrap(nonce);
    buffer.putLong(clock.millis());
    byte[] salt = new byte[RANDOM_BYTES];
    random.nextBytes(salt);
    buffer.put(salt);
    buffer.put(mac(nonce, realm));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
  }

  public Validity validate(String nonce, String realm) {
    byte[] bytes = decode(nonce);
    if (bytes == null) {
      return Validity.INVALID;
    }
    byte[] expected = mac(bytes, realm);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, Long.BYTES + RANDOM_BYTES, LENGTH))) {
      return Validity.INVALID;
    }
    long issuedAt = ByteBuffer.wrap(bytes).getLong();
    long now = clock.millis();
    if (issuedAt > now + 5_000 || now - issuedAt > lifetime.toMillis()) {
      return Validity.STALE;
    }
    return Validity.VALID;
  }

  /** What became of a nonce count presented with a valid nonce. */
  public enum Use {
    ACCEPTED,
    /** Not above the highest count accepted for this nonce. */
    REPLAYED,
    /** The nonce's counts were forgotten to bound memory: challenge again with stale=true. */
    FORGOTTEN
  }

  /** Records a nonce count for a valid nonce: each nonce/nc pair is accepted once, counts rising. */
  public synchronized Use accept(String nonce, long nc) {
    byte[] bytes = decode(nonce);
    if (bytes == null || nc < 1) {
      return Use.REPLAYED;
    }
    long issuedAt = ByteBuffer.wrap(bytes).getLong();
    forgetExpired();
    Tracked previous = used.get(nonce);
    if (previous == null) {
      if (issuedAt <= forgottenUpTo) {
        return Use.FORGOTTEN;
      }
      while (used.size() >= maxTracked) {
        Iterator<Map.Entry<String, Tracked>> oldest = used.entrySet().iterator();
        forgottenUpTo = Math.max(forgottenUpTo, oldest.next().getValue().issuedAt());
        oldest.remove();
      }
      used.put(nonce, new Tracked(issuedAt, nc));
      return Use.ACCEPTED;
    }
    if (nc <= previous.nc()) {
      return Use.REPLAYED;
    }
    used.put(nonce, new Tracked(issuedAt, nc));
    return Use.ACCEPTED;
  }

  /** How many nonces' counts are remembered now. */
  synchronized int tracked() {
    forgetExpired();
    return used.size();
  }

  /**
   * Drops the counts of expired nonces from the oldest end: expired nonces are refused before their
   * counts matter. Entries are in order of first use, close enough to order of issue; one that
   * expired behind a younger one goes when it reaches the end, and the bound holds meanwhile.
   */
  private void forgetExpired() {
    long cutoff = clock.millis() - lifetime.toMillis();
    Iterator<Tracked> oldest = used.values().iterator();
    while (oldest.hasNext() && oldest.next().issuedAt() < cutoff) {
      oldest.remove();
    }
  }

  private byte[] mac(byte[] nonce, String realm) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(nonce, 0, Long.BYTES + RANDOM_BYTES);
      mac.update(realm.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  private static byte[] decode(String nonce) {
    if (nonce == null || nonce.length() > 64) {
      return null;
    }
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(nonce);
      return bytes.length == LENGTH ? bytes : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
