package io.rescuefleet.station.verify;

import io.rescuefleet.station.device.RawDevice;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.observe.FileCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Hashes files from the device in parallel: chunks of the same file are independent tasks, so even one
 * large image keeps every core busy, and while one thread waits for the device another hashes. Read
 * sizes are large (a chunk, 16 MiB) and buffers aligned for O_DIRECT.
 */
public final class Verifier {
  /** One read per chunk: large O_DIRECT reads keep the device streaming. */
  static final int BUFFER = (int) Digests.CHUNK_SIZE;
  /** Bytes handed to MessageDigest per call; a heap array lets the SHA intrinsic run uninterrupted. */
  private static final int HASH_SLICE = 1 << 20;

  private final int threads;

  /** @param threads hashing threads; more than the cores keeps every core hashing while other threads wait for reads */
  public Verifier(int threads) {
    this.threads = Math.max(1, threads);
  }

  public static Verifier forThisMachine() {
    // Two per core measured best on a loaded 2-core machine (8 MiB and 16 MiB reads, 2 to 6 threads).
    return new Verifier(2 * Runtime.getRuntime().availableProcessors());
  }

  /** What a run of tasks found: a check per file, and the bytes and seconds it took. */
  public record Outcome(Map<String, FileCheck> checks, long bytesHashed, double seconds) {}

  /**
   * Runs {@code tasks} and merges them into one {@link FileCheck} per file.
   *
   * @param progress called with the number of bytes just hashed, from worker threads
   */
  public Outcome run(List<VerifyTask> tasks, ContentReader reader, Cancellation cancellation, LongConsumer progress) {
    long started = System.nanoTime();
    List<VerifyTask> ordered = new ArrayList<>(tasks);
    // File by file, chunk by chunk: reads stay close to sequential even with several threads.
    ordered.sort(Comparator.comparing(VerifyTask::path).thenComparingLong(VerifyTask::offset));
    AtomicLong hashed = new AtomicLong();
    List<TaskResult> results = new ArrayList<>();
    if (!ordered.isEmpty()) {
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, ordered.size()), r -> {
        Thread t = new Thread(r, "verify");
        t.setDaemon(true);
        return t;
      });
      try {
        AtomicInteger next = new AtomicInteger();
        List<Future<List<TaskResult>>> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(threads, ordered.size()); w++) {
          workers.add(pool.submit(() -> {
            ByteBuffer buffer = RawDevice.allocate(BUFFER + 2 * RawDevice.ALIGNMENT);
            byte[] slice = new byte[HASH_SLICE];
            List<TaskResult> mine = new ArrayList<>();
            for (int i = next.getAndIncrement(); i < ordered.size(); i = next.getAndIncrement()) {
              cancellation.check();
              mine.add(hash(ordered.get(i), reader, buffer, slice, n -> {
                hashed.addAndGet(n);
                progress.accept(n);
              }));
            }
            return mine;
          }));
        }
        for (Future<List<TaskResult>> w : workers) {
          results.addAll(w.get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("verification interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException("verification failed", e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    return new Outcome(merge(results), hashed.get(), (System.nanoTime() - started) / 1e9);
  }

  private static TaskResult hash(VerifyTask task, ContentReader reader, ByteBuffer buffer, byte[] slice,
      LongConsumer progress) {
    MessageDigest whole = Digests.sha256();
    MessageDigest chunk = task.computeChunks() ? Digests.sha256() : null;
    List<String> chunks = new ArrayList<>();
    long[] inChunk = {0};
    try (ContentReader.FileContent content = reader.open(task.path())) {
      if (content.size() != task.fileSize()) {
        return TaskResult.of(task, FileCheck.Status.MISMATCH, null, List.of(), 0,
            "size on the device is " + content.size() + ", expected " + task.fileSize());
      }
      long[] done = {0};
      content.read(task.offset(), task.length(), buffer, piece -> {
        int n = piece.remaining();
        while (piece.hasRemaining()) {
          int take = Math.min(piece.remaining(), slice.length);
          if (chunk != null) {
            take = (int) Math.min(take, Digests.CHUNK_SIZE - inChunk[0]);
          }
          piece.get(slice, 0, take);
          whole.update(slice, 0, take);
          if (chunk != null) {
            chunk.update(slice, 0, take);
            inChunk[0] += take;
            if (inChunk[0] == Digests.CHUNK_SIZE) {
              chunks.add(Digests.hex(chunk.digest()));
              inChunk[0] = 0;
            }
          }
        }
        done[0] += n;
        progress.accept(n);
      });
      if (done[0] != task.length()) {
        return TaskResult.of(task, FileCheck.Status.UNREADABLE, null, List.of(), done[0],
            "read " + done[0] + " of " + task.length() + " bytes");
      }
      if (chunk != null && (inChunk[0] > 0 || chunks.isEmpty())) {
        chunks.add(Digests.hex(chunk.digest()));
      }
      String sha = Digests.hex(whole.digest());
      boolean match = sha.equals(task.expectedSha256());
      String detail = match ? null : task.kind() == VerifyTask.Kind.CHUNK
          ? "chunk " + task.chunkIndex() + " (bytes " + task.offset() + "-" + (task.offset() + task.length()) + ") differs"
          : "SHA-256 is " + sha + ", expected " + task.expectedSha256();
      return TaskResult.of(task, match ? FileCheck.Status.MATCH : FileCheck.Status.MISMATCH,
          task.kind() == VerifyTask.Kind.WHOLE ? sha : null, chunks, done[0], detail);
    } catch (IOException | UncheckedIOException e) {
      return TaskResult.of(task, FileCheck.Status.UNREADABLE, null, List.of(), 0, e.getMessage());
    }
  }

  /** One file's tasks merged: it matches only if all its tasks match; the first problem is the detail. */
  private static Map<String, FileCheck> merge(List<TaskResult> results) {
    Map<String, List<TaskResult>> byFile = new LinkedHashMap<>();
    results.stream().sorted(Comparator.comparing((TaskResult r) -> r.task().path()).thenComparingLong(r -> r.task().offset()))
        .forEach(r -> byFile.computeIfAbsent(r.task().path(), k -> new ArrayList<>()).add(r));
    Map<String, FileCheck> checks = new LinkedHashMap<>();
    byFile.forEach((path, rs) -> {
      FileCheck.Status status = rs.stream().map(TaskResult::status)
          .reduce(FileCheck.Status.MATCH, (a, b) -> a.compareTo(b) >= 0 ? a : b);
      String detail = rs.stream().map(TaskResult::detail).filter(java.util.Objects::nonNull).findFirst().orElse(null);
      TaskResult wholeResult = rs.stream().filter(r -> r.task().kind() == VerifyTask.Kind.WHOLE).findFirst().orElse(null);
      long bytes = rs.stream().mapToLong(TaskResult::bytes).sum();
      checks.put(path, new FileCheck(path, status, wholeResult == null ? null : wholeResult.sha256(),
          wholeResult == null ? List.of() : wholeResult.chunks(), bytes, detail));
    });
    return checks;
  }

  private record TaskResult(VerifyTask task, FileCheck.Status status, String sha256, List<String> chunks, long bytes,
      String detail) {
    static TaskResult of(VerifyTask task, FileCheck.Status status, String sha256, List<String> chunks, long bytes,
        String detail) {
      return new TaskResult(task, status, sha256, chunks, bytes, detail);
    }
  }
}
