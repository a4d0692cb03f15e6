package io.rescuefleet.station.connected;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rescuefleet.api.wire.ReportBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable, ordered queue of report batches on disk, so reports survive an unreachable operator
 * and a restarted daemon. Each batch is one file {@code <sequence>.json}, written to a temporary
 * name, fsynced, renamed, and the directory fsynced. When full, the two oldest batches after the
 * head are summarised into one (the head may be in flight and is never touched), so nothing is
 * dropped silently and a batch the operator may have seen is never rewritten.
 */
public final class Outbox {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String SUFFIX = ".json";
  /** {@code <first>.merging.<second>}: a summary of first and second, written before second is deleted. */
  private static final String MERGING = ".merging.";

  private final Path dir;
  private final Path deadDir;
  private final int capacity;
  private long nextSequence;
  private long summarised;

  /** Opens (and recovers) the outbox in {@code dir}; {@code capacity} ≥ 3 batches. */
  public Outbox(Path dir, int capacity) {
    if (capacity < 3) {
      throw new IllegalArgumentException("outbox capacity must be at least 3, got " + capacity);
    }
    this.dir = dir;
    this.deadDir = dir.resolve("rejected");
    this.capacity = capacity;
    try {
      Files.createDirectories(dir);
      recover();
      nextSequence = entries().stream().mapToLong(Outbox::sequenceOf).max().orElse(0) + 1;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open outbox " + dir, e);
    }
  }

  /** Appends a batch durably; summarises older batches first when the outbox is full. */
  public synchronized void append(ReportBatch batch) {
    try {
      List<Path> entries = entries();
      if (entries.size() >= capacity) {
        summariseOldest(entries);
      }
      Path target = dir.resolve(String.format("%020d%s", nextSequence++, SUFFIX));
      writeDurably(target, JSON.writeValueAsBytes(batch));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to outbox " + dir, e);
    }
  }

  /** The oldest batch, if any. */
  public synchronized Optional<Entry> head() {
    try {
      List<Path> entries = entries();
      if (entries.isEmpty()) {
        return Optional.empty();
      }
      Path file = entries.get(0);
      return Optional.of(new Entry(file, JSON.readValue(file.toFile(), ReportBatch.class)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read outbox " + dir, e);
    }
  }

  /** Removes a batch the operator acknowledged. */
  public synchronized void remove(Entry entry) {
    try {
      Files.deleteIfExists(entry.file());
      fsyncDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + entry.file(), e);
    }
  }

  /** Moves a batch the operator will never accept aside, keeping it for a person to read. */
  public synchronized void reject(Entry entry, String reason) {
    try {
      Files.createDirectories(deadDir);
      Path target = deadDir.resolve(entry.file().getFileName());
      Files.move(entry.file(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(deadDir.resolve(entry.file().getFileName() + ".reason"), reason);
      fsyncDirectory(dir);
      LOG.error("report batch rejected by the operator; kept aside batchId={} file={} reason={}",
          entry.batch().batchId(), target, reason);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + entry.file() + " aside", e);
    }
  }

  public synchronized int size() {
    try {
      return entries().size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many times two batches were summarised into one since this outbox was opened. */
  public synchronized long summarisedCount() {
    return summarised;
  }

  private void summariseOldest(List<Path> entries) throws IOException {
    Path first = entries.get(1);
    Path second = entries.get(2);
    ReportBatch merged = ReportMerger.merge(
        JSON.readValue(first.toFile(), ReportBatch.class), JSON.readValue(second.toFile(), ReportBatch.class));
    // Write-ahead: the merged batch exists before either original goes; recover() finishes or undoes it.
    Path pending = dir.resolve(first.getFileName() + MERGING + second.getFileName());
    writeDurably(pending, JSON.writeValueAsBytes(merged));
    Files.delete(second);
    fsyncDirectory(dir);
    Files.move(pending, first, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    fsyncDirectory(dir);
    summarised++;
    LOG.warn("outbox full; summarised two batches into one capacity={} batchId={}", capacity, merged.batchId());
  }

  /** Finishes or undoes a summary interrupted by a crash, and removes stray temporary files. */
  private void recover() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(".tmp")) {
          Files.delete(p);
        } else if (name.contains(MERGING)) {
          Path first = dir.resolve(name.substring(0, name.indexOf(MERGING)));
          Path second = dir.resolve(name.substring(name.indexOf(MERGING) + MERGING.length()));
          if (Files.exists(second)) {
            Files.delete(p); // the originals are intact: the summary never happened
          } else {
            Files.move(p, first, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
    fsyncDirectory(dir);
  }

  private List<Path> entries() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
  }

  private static long sequenceOf(Path p) {
    String name = p.getFileName().toString();
    return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
  }

  private static void writeDurably(Path target, byte[] bytes) throws IOException {
    Path tmp = Path.of(target + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    fsyncDirectory(target.getParent());
  }

  private static void fsyncDirectory(Path directory) throws IOException {
    try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** One queued batch and the file holding it. */
  public record Entry(Path file, ReportBatch batch) {}
}
