package io.switchboard.identity.token;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RSA keys that sign tokens, kept in PostgreSQL so that tokens issued before a restart still
 * verify against the JWKS after it. The first start makes one 2048-bit key.
 */
public final class SigningKeys {

  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

  private SigningKeys() {}

  /** The stored keys, newest first, after making one if there is none. */
  public static JWKSet load(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
    return transactions.execute(status -> {
      // Two instances starting at once on an empty database must not make a key each.
      jdbc.execute("LOCK TABLE signing_keys IN SHARE ROW EXCLUSIVE MODE");
      List<RSAKey> keys = stored(jdbc);
      if (keys.isEmpty()) {
        RSAKey key = generate();
        jdbc.update("INSERT INTO signing_keys (id, public_key, private_key, created_at) VALUES (?, ?, ?, ?)",
            key.getKeyID(), publicKey(key).getEncoded(), privateKey(key).getEncoded(), Timestamp.from(clock.instant()));
        log.info("Made signing key {}", key.getKeyID());
        keys = List.of(key);
      }
      return new JWKSet(List.copyOf(keys));
    });
  }

  private static List<RSAKey> stored(JdbcTemplate jdbc) {
    return jdbc.query("SELECT id, public_key, private_key FROM signing_keys ORDER BY created_at DESC",
        (row, number) -> rsaKey(row.getString("id"), row.getBytes("public_key"), row.getBytes("private_key")));
  }

  static RSAKey generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
          .keyID(UUID.randomUUID().toString()).build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot make an RSA key", e);
    }
  }

  static RSAKey rsaKey(String id, byte[] publicKey, byte[] privateKey) {
    try {
      KeyFactory factory = KeyFactory.getInstance("RSA");
      RSAPublicKey publicPart = (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(publicKey));
      RSAPrivateKey privatePart = (RSAPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(privateKey));
      return new RSAKey.Builder(publicPart).privateKey(privatePart).keyID(id).build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Signing key " + id + " cannot be read", e);
    }
  }

  private static RSAPublicKey publicKey(RSAKey key) {
    try {
      return key.toRSAPublicKey();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RSAPrivateKey privateKey(RSAKey key) {
    try {
      return key.toRSAPrivateKey();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
