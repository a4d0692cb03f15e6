package io.rescuefleet.operator.stationapi;

import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.SecretKeyRef;
import io.rescuefleet.operator.directory.StationDirectory;
import io.rescuefleet.operator.secret.SecretKey;
import io.rescuefleet.operator.secret.SecretStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Checks a station's bearer token against the Secret its ImagingStation references. The comparison
 * is constant-time (over SHA-256 digests, so lengths leak nothing either). Deciding never blocks
 * while the Secret is cached (an old value is refreshed in the background); when it is missing or a
 * token does not match what may be a stale value (a rotated token), the caller reads it off the
 * event loop and asks again.
 */
public final class StationAuthenticator {
  /** What to do with a request. */
  public enum Verdict {
    ALLOW,
    DENY,
    /** Read {@link Check#secret()} (blocking), then call {@link #checkAfterRead}. */
    READ_SECRET
  }

  /** A verdict and, for {@link Verdict#READ_SECRET}, the Secret key to read. */
  public record Check(Verdict verdict, SecretKey secret, String reason) {}

  private static final String BEARER = "bearer ";

  private final StationDirectory stations;
  private final SecretStore secrets;

  public StationAuthenticator(StationDirectory stations, SecretStore secrets) {
    this.stations = stations;
    this.secrets = secrets;
  }

  public Check check(String station, String authorization) {
    String token = bearerToken(authorization);
    if (token == null) {
      return new Check(Verdict.DENY, null, "no bearer token");
    }
    Optional<SecretKey> key = tokenSecret(station);
    if (key.isEmpty()) {
      return new Check(Verdict.DENY, null, "unknown station or no token Secret");
    }
    Optional<Optional<String>> cached = secrets.cached(key.get());
    if (cached.isEmpty()) {
      return new Check(Verdict.READ_SECRET, key.get(), "token Secret not cached");
    }
    if (matches(cached.get(), token)) {
      if (secrets.stale(key.get())) {
        secrets.refreshInBackground(key.get());
      }
      return new Check(Verdict.ALLOW, null, "token matches");
    }
    return secrets.mayRefresh(key.get())
        ? new Check(Verdict.READ_SECRET, key.get(), "token differs from the cached Secret")
        : new Check(Verdict.DENY, null, "wrong token");
  }

  /** Blocking: reads the Secret, then decides. */
  public Check checkAfterRead(String station, String authorization, SecretKey key) {
    String token = bearerToken(authorization);
    Optional<String> expected = secrets.read(key);
    if (token != null && tokenSecret(station).filter(key::equals).isPresent() && matches(expected, token)) {
      return new Check(Verdict.ALLOW, null, "token matches");
    }
    return new Check(Verdict.DENY, null, expected.isEmpty() ? "token Secret or key missing" : "wrong token");
  }

  private Optional<SecretKey> tokenSecret(String station) {
    return stations.get(station).map(ImagingStation::getSpec).map(spec -> spec.tokenSecretRef)
        .filter(ref -> ref.namespace != null && ref.name != null && ref.key != null)
        .map(StationAuthenticator::key);
  }

  private static SecretKey key(SecretKeyRef ref) {
    return new SecretKey(ref.namespace, ref.name, ref.key);
  }

  private static String bearerToken(String authorization) {
    if (authorization == null || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String token = authorization.substring(BEARER.length()).trim();
    return token.isEmpty() ? null : token;
  }

  private static boolean matches(Optional<String> expected, String given) {
    if (expected.isEmpty() || expected.get().isBlank()) {
      return false;
    }
    // Secrets written with a trailing newline (echo > file) still match what stations send.
    return MessageDigest.isEqual(sha256(expected.get().strip()), sha256(given));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
