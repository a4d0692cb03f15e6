package io.rescuefleet.operator.secret;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Reads Secret keys with {@code get} (no list or watch, so RBAC can name each Secret) and keeps them.
 * A value older than a minute is still served while one background read refreshes it; concurrent
 * readers of one key share one API call; a value that may be stale (a rotated token) can be
 * re-read at most every few seconds, so a flood of wrong tokens cannot become a flood of API
 * calls. Values never leave through toString or logs.
 */
public final class SecretStore implements AutoCloseable {
  static final Duration TTL = Duration.ofSeconds(60);
  static final Duration MIN_REFRESH = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final Clock clock;
  private final ConcurrentHashMap<SecretKey, Entry> cache = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<SecretKey, CompletableFuture<Optional<String>>> reading = new ConcurrentHashMap<>();
  private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "rescuefleet-secret-refresh");
    t.setDaemon(true);
    return t;
  });

  public SecretStore(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** The cached value of any age, if the key was ever read (an empty inner value: no such key); never blocks. */
  public Optional<Optional<String>> cached(SecretKey key) {
    Entry e = cache.get(key);
    return e == null ? Optional.empty() : Optional.of(e.value);
  }

  /** Whether the cached value is older than the TTL (or absent). */
  public boolean stale(SecretKey key) {
    Entry e = cache.get(key);
    return e == null || Duration.between(e.readAt, clock.instant()).compareTo(TTL) >= 0;
  }

  /** Whether the cached value is old enough to be re-read because it may be stale. */
  public boolean mayRefresh(SecretKey key) {
    Entry e = cache.get(key);
    return e == null || Duration.between(e.readAt, clock.instant()).compareTo(MIN_REFRESH) >= 0;
  }

  /** Reads the key from the API server (blocking), sharing the call with concurrent readers, and caches it. */
  public Optional<String> read(SecretKey key) {
    CompletableFuture<Optional<String>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<String>> running = reading.putIfAbsent(key, mine);
    if (running != null) {
      return running.join();
    }
    try {
      Optional<String> value = fetch(key);
      cache.put(key, new Entry(value, clock.instant()));
      mine.complete(value);
      return value;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      reading.remove(key, mine);
    }
  }

  /** Re-reads the key off the caller's thread unless a read is under way. */
  public void refreshInBackground(SecretKey key) {
    if (!reading.containsKey(key)) {
      refresher.execute(() -> {
        try {
          read(key);
        } catch (RuntimeException e) {
          // The old value keeps serving; the next request tries again.
        }
      });
    }
  }

  /** A value no older than the TTL, read when needed (blocking). */
  public Optional<String> get(SecretKey key) {
    return stale(key) ? read(key) : cache.get(key).value;
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }

  private Optional<String> fetch(SecretKey key) {
    Secret secret = client.secrets().inNamespace(key.namespace()).withName(key.name()).get();
    if (secret == null) {
      return Optional.empty();
    }
    if (secret.getData() != null && secret.getData().containsKey(key.key())) {
      return Optional.of(new String(Base64.getMimeDecoder().decode(secret.getData().get(key.key())), StandardCharsets.UTF_8));
    }
    if (secret.getStringData() != null && secret.getStringData().containsKey(key.key())) {
      return Optional.of(secret.getStringData().get(key.key()));
    }
    return Optional.empty();
  }

  private record Entry(Optional<String> value, Instant readAt) {
    @Override
    public String toString() {
      return "Entry[readAt=" + readAt + "]";
    }
  }
}
