package io.rescuefleet.station.plan;

import io.rescuefleet.api.validate.PathRules;
import io.rescuefleet.station.observe.ObservedFile;
import io.rescuefleet.station.observe.VolumeState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether the copies fit, replaying them in plan order: deletions first free their space; each copy
 * needs its full size while the file it replaces still exists (it is renamed over it afterwards).
 * Unmanaged files are never deleted to make room: when they are in the way, the check says so.
 */
final class SpaceCheck {
  /** Per file, for cluster rounding and directory entries. */
  static final long SLACK_PER_FILE = 1L << 20;

  private SpaceCheck() {}

  static Optional<PlanNote> check(long freeBytes, List<DeleteFile> deletes, List<CopyFile> copies, VolumeState volume,
      List<String> unmanaged) {
    Map<String, ObservedFile> present = volume == null ? Map.of()
        : volume.files().stream().collect(Collectors.toMap(f -> PathRules.collisionKey(f.path()), Function.identity(), (a, b) -> a));
    long free = freeBytes + deletes.stream().mapToLong(DeleteFile::size).sum();
    long needed = 0;
    for (CopyFile c : copies) {
      if (c.size() < 0) {
        continue; // size unknown until fetched; the copy itself checks free space before writing
      }
      long want = c.size() + SLACK_PER_FILE;
      needed += c.size();
      if (want > free) {
        long unmanagedBytes = unmanaged.stream().map(p -> present.get(PathRules.collisionKey(p)))
            .filter(java.util.Objects::nonNull).mapToLong(ObservedFile::size).sum();
        String in = unmanaged.isEmpty() ? "" : "; " + unmanaged.size() + " file(s) RescueFleet did not write use "
            + mib(unmanagedBytes) + " MiB and are left alone: " + String.join(", ", unmanaged.subList(0, Math.min(5, unmanaged.size())))
            + (unmanaged.size() > 5 ? ", ..." : "");
        return Optional.of(PlanNote.refused("InsufficientSpace", "the data partition has " + mib(freeBytes)
            + " MiB free, the images to write need " + mib(copies.stream().mapToLong(x -> Math.max(0, x.size())).sum())
            + " MiB (" + c.path() + " does not fit)" + in));
      }
      free -= c.size() + SLACK_PER_FILE;
      ObservedFile replaced = present.get(PathRules.collisionKey(c.path()));
      if (replaced != null) {
        free += replaced.size();
      }
    }
    return Optional.empty();
  }

  private static long mib(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }
}
