package io.rescuefleet.station.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rescuefleet.api.resolve.DriveAssignment.ResolvedSignature;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.verify.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's content-addressed image cache: {@code objects/<sha256>} plus a sidecar recording its
 * verification; downloads go to {@code partial/} and resume there. An object enters the cache only
 * after its size, SHA-256 and (when given) GPG signature were checked, so a stick is only ever written
 * from verified sources. Safe for several engines and processes at once (a lock per image).
 */
public final class ImageCache {
  private static final Logger LOG = LoggerFactory.getLogger(ImageCache.class);
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final int BUFFER = 1 << 20;

  private final Path objects;
  private final Path partial;
  private final Path locks;
  private final Fetcher fetcher;
  private final SignatureChecker signatures;
  private final Map<String, Object> inProcess = new ConcurrentHashMap<>();

  /** A cache whose downloads give up on a source silent for {@link #defaultStallTimeout()}. */
  public ImageCache(Path dir, ProcessRunner runner) {
    this(dir, runner, defaultStallTimeout());
  }

  /** @param stall how long a source may send nothing before its download fails as stalled */
  public ImageCache(Path dir, ProcessRunner runner, Duration stall) {
    this.fetcher = new Fetcher(stall);
    this.objects = dir.resolve("objects");
    this.partial = dir.resolve("partial");
    this.locks = dir.resolve("locks");
    this.signatures = new SignatureChecker(runner);
  }

  /** Created on first fetch only: looking at a stick (inspect, diff) leaves no trace on the station. */
  private void createDirectories() {
    try {
      Files.createDirectories(objects);
      Files.createDirectories(partial);
      Files.createDirectories(locks);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the image cache in " + objects.getParent(), e);
    }
  }

  /** {@code RESCUEFLEET_SOURCE_STALL_SECONDS}, else 60 s: long enough for a busy mirror, short of forever. */
  public static Duration defaultStallTimeout() {
    String env = System.getenv("RESCUEFLEET_SOURCE_STALL_SECONDS");
    try {
      return env == null || env.isBlank() ? Duration.ofSeconds(60) : Duration.ofSeconds(Math.max(1, Long.parseLong(env.strip())));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("RESCUEFLEET_SOURCE_STALL_SECONDS=" + env + ": expected a number of seconds", e);
    }
  }

  /** {@code RESCUEFLEET_CACHE}, else /var/cache/rescuefleet for root, else ~/.cache/rescuefleet. */
  public static Path defaultDirectory() {
    String env = System.getenv("RESCUEFLEET_CACHE");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    return root ? Path.of("/var/cache/rescuefleet") : Path.of(System.getProperty("user.home"), ".cache", "rescuefleet");
  }

  /** The verified object for {@code sha256}, if the cache holds one whose sidecar still vouches for it. */
  public Optional<CachedImage> lookup(String sha256) {
    Path object = objects.resolve(sha256);
    Path sidecar = objects.resolve(sha256 + ".json");
    try {
      if (!Files.isRegularFile(object) || !Files.isRegularFile(sidecar)) {
        return Optional.empty();
      }
      CacheRecord record = JSON.readValue(sidecar.toFile(), CacheRecord.class);
      if (record.size() != Files.size(object) || record.mtimeMillis() != Files.getLastModifiedTime(object).toMillis()) {
        return Optional.empty(); // changed since it was verified
      }
      return Optional.of(new CachedImage(sha256, object, record.size(), record.chunkSize(), record.chunks()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether the object still hashes to its SHA-256. Its record vouches for it by size and mtime only,
   * which rot on the station's disk (or a stray write keeping the mtime) does not change.
   */
  public boolean intact(CachedImage image) {
    try {
      return hash(image.file(), new ArrayList<>(), Cancellation.none()).equals(image.sha256());
    } catch (IOException e) {
      return false;
    }
  }

  /** Removes the object and its record; the next {@link #ensure} fetches it again. */
  public void evict(String sha256) {
    try {
      Files.deleteIfExists(objects.resolve(sha256 + ".json"));
      Files.deleteIfExists(objects.resolve(sha256));
      LOG.warn("image evicted from the cache sha256={}", sha256);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove cache entry " + sha256 + " from " + objects.getParent(), e);
    }
  }

  /** Sizes of the images the cache holds, among {@code sha256s}. */
  public Map<String, Long> inventory(Collection<String> sha256s) {
    Map<String, Long> held = new HashMap<>();
    sha256s.forEach(s -> lookup(s).ifPresent(c -> held.put(s, c.size())));
    return held;
  }

  /**
   * The verified image, fetching it first if needed.
   *
   * @param what how to name the image in messages (catalog entry)
   * @throws SourceFailedException naming the URL when fetching or any check fails
   */
  public CachedImage ensure(String what, String url, String sha256, Long size, ResolvedSignature signature,
      Cancellation cancellation, LongConsumer progress) {
    createDirectories();
    synchronized (inProcess.computeIfAbsent(sha256, k -> new Object())) {
      // One fetch per image across processes too (the CLI next to a daemon): an OS lock per object.
      try (FileChannel lockFile = FileChannel.open(locks.resolve(sha256), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = lockFile.lock();
        try {
          return ensureLocked(what, url, sha256, size, signature, cancellation, progress);
        } finally {
          lock.release();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot use cache entry " + sha256 + " in " + objects.getParent(), e);
      }
    }
  }

  private CachedImage ensureLocked(String what, String url, String sha256, Long size, ResolvedSignature signature,
      Cancellation cancellation, LongConsumer progress) throws IOException {
    Optional<CachedImage> cached = lookup(sha256);
    if (cached.isPresent() && (signature == null || signatureChecked(sha256))) {
      return cached.get();
    }
    return cached.isPresent() ? checkCachedSignature(cached.get(), what, signature)
        : fetchAndVerify(what, url, sha256, size, signature, cancellation, progress);
  }

  private CachedImage fetchAndVerify(String what, String url, String sha256, Long size, ResolvedSignature signature,
      Cancellation cancellation, LongConsumer progress) throws IOException {
    Path part = partial.resolve(sha256 + ".part");
    long started = System.nanoTime();
    try {
      fetcher.fetch(url, part, cancellation, progress);
    } catch (SourceFailedException e) {
      throw new SourceFailedException(what + ": " + e.getMessage(), e);
    }
    long got = Files.size(part);
    if (size != null && got != size) {
      Files.delete(part);
      throw new SourceFailedException(what + ": " + url + " has " + got + " bytes, the catalog says " + size);
    }
    List<String> chunks = new ArrayList<>();
    String actual = hash(part, chunks, cancellation);
    if (!actual.equals(sha256)) {
      Files.delete(part);
      throw new SourceFailedException(what + ": " + url + " has SHA-256 " + actual + ", the catalog says " + sha256);
    }
    if (signature != null) {
      Path sig = partial.resolve(sha256 + ".sig");
      Files.deleteIfExists(sig);
      fetcher.fetch(signature.url(), sig, cancellation, n -> { });
      try {
        signatures.check(part, sig, signature.publicKey(), what + " (" + signature.url() + ")");
      } catch (SourceFailedException e) {
        Files.delete(part);
        throw e;
      } finally {
        Files.deleteIfExists(sig);
      }
    }
    Path object = objects.resolve(sha256);
    Files.move(part, object, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    CacheRecord record = new CacheRecord(got, Files.getLastModifiedTime(object).toMillis(), Digests.CHUNK_SIZE, chunks,
        Instant.now().toString(), signature != null);
    JSON.writeValue(objects.resolve(sha256 + ".json").toFile(), record);
    LOG.info("image cached entry={} sha256={} bytes={} seconds={}", what, sha256, got,
        String.format("%.2f", (System.nanoTime() - started) / 1e9));
    return new CachedImage(sha256, object, got, Digests.CHUNK_SIZE, chunks);
  }

  private CachedImage checkCachedSignature(CachedImage image, String what, ResolvedSignature signature) throws IOException {
    Path sig = partial.resolve(image.sha256() + ".sig");
    Files.deleteIfExists(sig);
    fetcher.fetch(signature.url(), sig, Cancellation.none(), n -> { });
    try {
      signatures.check(image.file(), sig, signature.publicKey(), what + " (" + signature.url() + ")");
    } finally {
      Files.deleteIfExists(sig);
    }
    Path sidecar = objects.resolve(image.sha256() + ".json");
    CacheRecord old = JSON.readValue(sidecar.toFile(), CacheRecord.class);
    JSON.writeValue(sidecar.toFile(), new CacheRecord(old.size(), old.mtimeMillis(), old.chunkSize(), old.chunks(),
        old.verifiedAt(), true));
    return image;
  }

  private boolean signatureChecked(String sha256) {
    try {
      return JSON.readValue(objects.resolve(sha256 + ".json").toFile(), CacheRecord.class).signatureChecked();
    } catch (IOException e) {
      return false;
    }
  }

  /** SHA-256 of the file, filling {@code chunks} with the hash of each {@link Digests#CHUNK_SIZE} chunk. */
  static String hash(Path file, List<String> chunks, Cancellation cancellation) throws IOException {
    MessageDigest whole = Digests.sha256();
    MessageDigest chunk = Digests.sha256();
    long inChunk = 0;
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.readNBytes(buffer, 0, (int) Math.min(buffer.length, Digests.CHUNK_SIZE - inChunk))) > 0) {
        cancellation.check();
        whole.update(buffer, 0, n);
        chunk.update(buffer, 0, n);
        inChunk += n;
        if (inChunk == Digests.CHUNK_SIZE) {
          chunks.add(Digests.hex(chunk.digest()));
          inChunk = 0;
        }
      }
    }
    if (inChunk > 0 || chunks.isEmpty()) {
      chunks.add(Digests.hex(chunk.digest()));
    }
    return Digests.hex(whole.digest());
  }
}
