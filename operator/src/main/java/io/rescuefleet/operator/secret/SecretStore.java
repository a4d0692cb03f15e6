package io.rescuefleet.operator.secret;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads Secret keys with {@code get} (no list or watch, so RBAC can name each Secret) and keeps them
 * for a minute. A value that might be stale can be re-read at most every few seconds, so a flood of
 * wrong tokens cannot turn into a flood of API calls. Values never leave through toString or logs.
 */
public final class SecretStore {
  static final Duration TTL = Duration.ofSeconds(60);
  static final Duration MIN_REFRESH = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final Clock clock;
  private final ConcurrentHashMap<SecretKey, Entry> cache = new ConcurrentHashMap<>();

  public SecretStore(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** The cached value if read within the TTL; never blocks. Empty also when the key did not exist. */
  public Optional<Optional<String>> cached(SecretKey key) {
    Entry e = cache.get(key);
    if (e == null || Duration.between(e.readAt, clock.instant()).compareTo(TTL) >= 0) {
      return Optional.empty();
    }
    return Optional.of(e.value);
  }

  /** Whether the cached value is old enough to be re-read because it may be stale. */
  public boolean mayRefresh(SecretKey key) {
    Entry e = cache.get(key);
    return e == null || Duration.between(e.readAt, clock.instant()).compareTo(MIN_REFRESH) >= 0;
  }

  /** Reads the key from the API server (blocking) and caches it. */
  public Optional<String> read(SecretKey key) {
    Secret secret = client.secrets().inNamespace(key.namespace()).withName(key.name()).get();
    Optional<String> value = Optional.empty();
    if (secret != null) {
      if (secret.getData() != null && secret.getData().containsKey(key.key())) {
        value = Optional.of(new String(Base64.getMimeDecoder().decode(secret.getData().get(key.key())), StandardCharsets.UTF_8));
      } else if (secret.getStringData() != null && secret.getStringData().containsKey(key.key())) {
        value = Optional.of(secret.getStringData().get(key.key()));
      }
    }
    cache.put(key, new Entry(value, clock.instant()));
    return value;
  }

  /** The cached value, or a fresh read when there is none (blocking). */
  public Optional<String> get(SecretKey key) {
    return cached(key).orElseGet(() -> read(key));
  }

  private record Entry(Optional<String> value, Instant readAt) {
    @Override
    public String toString() {
      return "Entry[readAt=" + readAt + "]";
    }
  }
}
