package io.rescuefleet.station.verify;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.api.validate.PathRules;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.manifest.StickManifest.FileRecord;
import io.rescuefleet.station.observe.ObservedFile;
import io.rescuefleet.station.plan.DesiredFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Chooses what to hash on this pass. Pure. Whatever the mode, a file whose record no longer matches
 * what the filesystem says (mtime changed) or that RescueFleet does not own yet (a candidate for
 * adoption) is hashed whole. Then Full adds every chunk of every recorded file; Sampled adds
 * {@code ratio} of all chunks, starting at the manifest's cursor and wrapping, so every byte is
 * checked over {@code 1/ratio} passes; Quick adds nothing.
 */
public final class VerifySelector {
  private VerifySelector() {}

  /**
   * The tasks, where the next Sampled pass starts, and the paths hashed only because their metadata
   * changed or they are not recorded yet (a mismatch there is drift, not corruption).
   */
  public record Selection(List<VerifyTask> tasks, long nextCursor, Set<String> changed) {
    public Selection {
      tasks = List.copyOf(tasks);
      changed = Set.copyOf(changed);
    }

    public int files() {
      return (int) tasks.stream().map(VerifyTask::path).distinct().count();
    }
  }

  public static Selection select(VerifyMode mode, double ratio, List<DesiredFile> desired, List<ObservedFile> present,
      Optional<StickManifest> manifest, long cursor) {
    Map<String, ObservedFile> files = present.stream()
        .collect(Collectors.toMap(f -> PathRules.collisionKey(f.path()), Function.identity(), (a, b) -> a));
    Map<String, FileRecord> records = manifest.map(StickManifest::files).orElse(List.of()).stream()
        .collect(Collectors.toMap(r -> PathRules.collisionKey(r.path()), Function.identity(), (a, b) -> a));

    List<VerifyTask> tasks = new ArrayList<>();
    Set<String> changed = new HashSet<>();
    List<FileRecord> settled = new ArrayList<>();
    for (DesiredFile want : desired) {
      ObservedFile have = files.get(PathRules.collisionKey(want.path()));
      if (have == null) {
        continue;
      }
      FileRecord record = records.get(PathRules.collisionKey(want.path()));
      boolean sizeFits = want.size() == null || want.size() == have.size();
      if (record != null && record.sha256().equals(want.sha256())) {
        if (have.size() != record.size()) {
          continue; // the size alone says it must be rewritten
        }
        if (have.mtimeMillis() != record.mtimeMillis()) {
          tasks.add(VerifyTask.whole(want.path(), have.size(), want.sha256(), true));
          changed.add(want.path());
        } else {
          settled.add(record);
        }
      } else if (sizeFits) {
        // Not recorded with this content: it might already be it (an interrupted run, a copy made by hand).
        tasks.add(VerifyTask.whole(want.path(), have.size(), want.sha256(), true));
        changed.add(want.path());
      }
    }
    settled.sort(Comparator.comparing(FileRecord::path));

    long next = cursor;
    if (mode == VerifyMode.Full) {
      for (FileRecord r : settled) {
        tasks.addAll(r.chunks().isEmpty() ? List.of(VerifyTask.whole(r.path(), r.size(), r.sha256(), true))
            : VerifyTask.allChunks(r.path(), r.size(), r.chunkSize(), r.chunks()));
      }
    } else if (mode == VerifyMode.Sampled) {
      List<VerifyTask> ring = new ArrayList<>();
      for (FileRecord r : settled) {
        if (r.chunks().isEmpty()) {
          tasks.add(VerifyTask.whole(r.path(), r.size(), r.sha256(), true));
        } else {
          ring.addAll(VerifyTask.allChunks(r.path(), r.size(), r.chunkSize(), r.chunks()));
        }
      }
      if (!ring.isEmpty()) {
        int take = (int) Math.min(ring.size(), Math.max(1, Math.ceil(ratio * ring.size())));
        int start = (int) (cursor % ring.size());
        for (int i = 0; i < take; i++) {
          tasks.add(ring.get((start + i) % ring.size()));
        }
        next = (start + take) % ring.size();
      }
    }
    return new Selection(tasks, next, changed);
  }
}
