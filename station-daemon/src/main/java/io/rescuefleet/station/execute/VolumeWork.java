package io.rescuefleet.station.execute;

import io.rescuefleet.station.failure.Cancellation;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Changes files on a mounted data partition, each change atomic: written under a staging name,
 * fsynced, renamed into place, the directory fsynced. Paths are relative to {@code root}.
 */
public interface VolumeWork {
  /** Removes every leftover in the staging directory. */
  void cleanStaging(Path root);

  /** Deletes a file if it exists. */
  void delete(Path root, String path);

  /**
   * Copies {@code source} to {@code path}.
   *
   * @return the file's modification time once in place, as the filesystem reports it
   */
  long copy(Path root, String path, Path source, long size, Cancellation cancellation, LongConsumer progress);

  /** Writes a small file atomically. */
  void writeAtomically(Path root, String path, byte[] content);
}
