package io.rescuefleet.station.execute;

import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.session.StickSession;
import java.nio.file.Path;
import java.util.List;

/**
 * Changes files on a stick's data partition, each change atomic: written under a staging name,
 * fsynced, renamed into place, the directory fsynced (or, for large copies, filled in place). Paths
 * are relative to {@code root}, the mounted volume.
 */
public interface VolumeWork {
  /** Removes every leftover in the staging directory. */
  void cleanStaging(Path root);

  /** Deletes a file if it exists. */
  void delete(Path root, String path);

  /** One file to copy: the verified cache file {@code source}, of {@code size} bytes, to {@code path}. */
  record Copy(String path, Path source, long size) {}

  /** What {@link #copyAll} tells its caller, per file by its index in the batch. */
  interface CopyEvents {
    /**
     * {@code paths} are about to be cleared and to appear, each whole, under their own names: the caller
     * makes them its own on the stick first (pending in the manifest), so that a run cut short there
     * leaves files the next run finishes or keeps, not strangers' files it must never touch.
     */
    void claiming(List<String> paths);

    /** {@code bytes} more of file {@code index} reached the volume. */
    void progress(int index, long bytes);

    /** File {@code index} is in place under its name and durable; files are placed in batch order. */
    void placed(int index);
  }

  /**
   * Copies every file of {@code batch}, in order, to its path on the session's data volume, never
   * leaving a partly written file under a file's name (a path claimed first through {@link
   * CopyEvents#claiming} may be left empty or absent);
   * the volume may be unmounted and mounted again on the way. Stops at the first failure: files placed
   * before it stay.
   */
  void copyAll(StickSession session, List<Copy> batch, Cancellation cancellation, CopyEvents events);

  /** Writes a small file atomically. */
  void writeAtomically(Path root, String path, byte[] content);
}
