package io.rescuefleet.station.plan;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.api.validate.PathRules;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.manifest.StickManifest.FileRecord;
import io.rescuefleet.station.observe.FileCheck;
import io.rescuefleet.station.observe.ObservedDrive;
import io.rescuefleet.station.observe.ObservedFile;
import io.rescuefleet.station.observe.VolumeState;
import io.rescuefleet.station.verify.Digests;
import io.rescuefleet.station.verify.VerifyPass;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Plans the data partition's content: which images to fetch, copy, verify and delete, ventoy.json,
 * and what the manifest will say. RescueFleet owns what its manifest lists (and ventoy.json); a file
 * it does not own is never overwritten or deleted, only adopted when it already is exactly the
 * desired content.
 */
final class FilePlanner {
  private final Clock clock;

  FilePlanner(Clock clock) {
    this.clock = clock;
  }

  /** The planned steps by kind, so the planner can order them. */
  record Outcome(
      List<FetchImage> fetches,
      RetractManifestEntries retraction,
      List<Action> prepare,
      List<DeleteFile> deletes,
      List<CopyFile> copies,
      List<VerifyFile> verifies,
      WriteVentoyJson ventoyJson,
      WriteManifest manifest,
      List<PlanNote> notes,
      List<String> unmanaged) {}

  /**
   * @param othersReachable whether the disk-level and Windows To Go parts can reach the spec
   * @param windowsToGoChanges whether the plan applies or removes Windows To Go, which the manifest records
   * @param layoutChanges whether the plan changes the table, a filesystem or the boot code, which a claimed spec covers
   */
  Outcome plan(DesiredDrive desired, ObservedDrive observed, boolean formatted, boolean othersReachable,
      boolean windowsToGoChanges, boolean layoutChanges) {
    VolumeState volume = formatted ? null : observed.volume();
    Optional<StickManifest> manifest = volume == null ? Optional.empty() : volume.manifest().valid();
    Map<String, ObservedFile> present = byKey(volume == null ? List.of() : volume.files(), ObservedFile::path);
    Map<String, FileRecord> owned = byKey(manifest.map(StickManifest::files).orElse(List.of()), FileRecord::path);
    // Retracted by a run that did not finish: still RescueFleet's to replace or delete, but vouched for by nobody.
    Set<String> pending = manifest.map(StickManifest::pending).orElse(List.of()).stream().map(PathRules::collisionKey)
        .collect(Collectors.toSet());

    List<CopyFile> copies = new ArrayList<>();
    List<FileRecord> carried = new ArrayList<>();
    List<PlanNote> notes = new ArrayList<>();
    boolean recordsChanged = false;
    for (DesiredFile want : desired.files()) {
      String key = PathRules.collisionKey(want.path());
      ObservedFile have = present.get(key);
      FileRecord record = owned.get(key);
      FileCheck check = observed.checks().get(want.path());
      long size = want.size() != null ? want.size() : observed.cached().getOrDefault(want.sha256(), -1L);
      if (formatted) {
        copies.add(new CopyFile(want.path(), want.entry(), want.sha256(), size, CopyFile.Reason.FORMATTED));
      } else if (have == null) {
        copies.add(new CopyFile(want.path(), want.entry(), want.sha256(), size, CopyFile.Reason.MISSING));
      } else if (record != null && record.sha256().equals(want.sha256())) {
        if (have.size() != record.size() || (size >= 0 && have.size() != size)) {
          copies.add(new CopyFile(want.path(), want.entry(), want.sha256(), size, CopyFile.Reason.SIZE_DIFFERS));
        } else if (check != null && !check.matches()) {
          copies.add(new CopyFile(want.path(), want.entry(), want.sha256(), size, CopyFile.Reason.CORRUPT));
        } else if (check == null && have.mtimeMillis() != record.mtimeMillis()) {
          // Modified since it was verified and not hashed this pass: its content is unknown.
          copies.add(new CopyFile(want.path(), want.entry(), want.sha256(), size, CopyFile.Reason.CORRUPT));
        } else {
          FileRecord kept = keep(record, have, want, check);
          recordsChanged |= !kept.equals(record);
          carried.add(kept);
        }
      } else if (check != null && check.matches() && check.sha256() != null && check.sha256().equals(want.sha256())) {
        carried.add(adopt(have, want, check)); // already the desired content: adopt it unwritten
        recordsChanged = true;
      } else if (record != null) {
        copies.add(new CopyFile(want.path(), want.entry(), want.sha256(), size, CopyFile.Reason.SPEC_CHANGED));
      } else if (pending.contains(key)) {
        copies.add(new CopyFile(want.path(), want.entry(), want.sha256(), size, CopyFile.Reason.UNFINISHED));
      } else {
        notes.add(PlanNote.unconverged("UnmanagedFileInTheWay", want.path() + " exists, was not written by "
            + "RescueFleet and is not the content of entry \"" + want.entry() + "\"; move or delete it"));
      }
    }

    List<DeleteFile> deletes = new ArrayList<>();
    for (Map.Entry<String, FileRecord> e : owned.entrySet()) {
      boolean wanted = desired.files().stream().anyMatch(f -> PathRules.collisionKey(f.path()).equals(e.getKey()));
      if (!wanted) {
        recordsChanged = true;
        ObservedFile have = present.get(e.getKey());
        if (have != null) {
          deletes.add(new DeleteFile(have.path(), have.size(), "no longer in the spec"));
        }
      }
    }

    for (String key : pending) {
      boolean wanted = desired.files().stream().anyMatch(f -> PathRules.collisionKey(f.path()).equals(key));
      if (!wanted) {
        recordsChanged = true; // the manifest written last no longer lists it
        ObservedFile have = present.get(key);
        if (have != null && !owned.containsKey(key)) {
          deletes.add(new DeleteFile(have.path(), have.size(), "left by an interrupted run, no longer in the spec"));
        }
      }
    }

    List<String> unmanaged = new ArrayList<>();
    for (Map.Entry<String, ObservedFile> e : present.entrySet()) {
      boolean wanted = desired.files().stream().anyMatch(f -> PathRules.collisionKey(f.path()).equals(e.getKey()));
      if (!wanted && !owned.containsKey(e.getKey()) && !pending.contains(e.getKey())
          && !e.getKey().equals(PathRules.collisionKey(PathRules.VENTOY_JSON))
          && !windowsToGoVhd(desired, observed, e.getKey()) && !ourMenu(volume, e.getKey())) {
        unmanaged.add(e.getValue().path());
      }
    }
    unmanaged.sort(null);

    List<FetchImage> fetches = new ArrayList<>();
    for (CopyFile c : copies) {
      boolean cached = observed.cached().containsKey(c.sha256());
      boolean listed = fetches.stream().anyMatch(f -> f.sha256().equals(c.sha256()));
      if (!cached && !listed) {
        DesiredFile source = desired.files().stream().filter(f -> f.path().equals(c.path())).findFirst().orElseThrow();
        fetches.add(new FetchImage(source.entry(), source.url(), source.sha256(), c.size(), source.signature()));
      }
    }

    WriteVentoyJson ventoyJson = ventoyJson(desired, volume, manifest, formatted);

    // Whatever the manifest vouches for is withdrawn before it changes: the files to replace or delete,
    // ventoy.json (whose hash it records), and with them its claim of a spec; the claim alone when the
    // layout it also covers changes.
    List<String> retract = new ArrayList<>();
    copies.stream().map(CopyFile::path).filter(p -> owned.containsKey(PathRules.collisionKey(p))).forEach(retract::add);
    deletes.stream().map(DeleteFile::path).filter(p -> owned.containsKey(PathRules.collisionKey(p))).forEach(retract::add);
    if (ventoyJson != null && manifest.map(m -> m.ventoyJsonSha256() != null).orElse(false)) {
      retract.add(PathRules.VENTOY_JSON);
    }
    boolean claimed = manifest.map(m -> m.specDigest() != null).orElse(false);
    RetractManifestEntries retraction = !retract.isEmpty() || (claimed && layoutChanges)
        ? new RetractManifestEntries(retract) : null;
    List<Action> prepare = new ArrayList<>();
    if (volume != null && !volume.stagingLeftovers().isEmpty()) {
      prepare.add(new CleanStaging(volume.stagingLeftovers()));
    }

    List<VerifyFile> verifies = copies.stream()
        .map(c -> new VerifyFile(c.path(), c.entry(), c.sha256(), c.size()))
        .toList();

    boolean somethingWritten = !copies.isEmpty() || !deletes.isEmpty() || ventoyJson != null || !prepare.isEmpty()
        || retraction != null || windowsToGoChanges;
    VerifyPass pass = observed.verifyPass();
    boolean recordPass = pass != null && pass.mode() != VerifyMode.Quick && pass.filesChecked() > 0;
    boolean reachable = othersReachable && notes.isEmpty();
    boolean identityChanged = manifest.isEmpty()
        || (reachable && !Objects.equals(manifest.get().specDigest(), desired.specDigest()))
        || !Objects.equals(manifest.get().driveKey(), desired.driveKey())
        || !Objects.equals(manifest.get().ventoyJsonSha256(), desired.ventoyJsonSha256());
    WriteManifest write = null;
    if (somethingWritten || recordsChanged || recordPass || identityChanged) {
      String why = somethingWritten ? "record this run's changes"
          : recordsChanged ? "record adopted or refreshed files"
          : identityChanged ? (manifest.isEmpty() ? "no valid manifest on the stick" : "record the applied spec")
          : "record the " + pass.mode() + " verification";
      boolean bookkeeping = !somethingWritten && !recordsChanged && !identityChanged;
      write = new WriteManifest(why, carried, copies.stream().map(CopyFile::path).toList(), pass, reachable, bookkeeping);
    }
    return new Outcome(fetches, retraction, prepare, deletes, copies, verifies, ventoyJson, write, notes, unmanaged);
  }

  private static WriteVentoyJson ventoyJson(DesiredDrive desired, VolumeState volume, Optional<StickManifest> manifest,
      boolean formatted) {
    if (formatted || volume == null || volume.ventoyJsonSha256() == null) {
      return new WriteVentoyJson(desired.ventoyJson(), desired.ventoyJsonSha256(), "missing");
    }
    if (volume.ventoyJsonSha256().equals(desired.ventoyJsonSha256())) {
      return null;
    }
    boolean ours = manifest.map(m -> volume.ventoyJsonSha256().equals(m.ventoyJsonSha256())).orElse(false);
    return new WriteVentoyJson(desired.ventoyJson(), desired.ventoyJsonSha256(),
        ours ? "the spec's settings changed" : "edited on the stick; restoring");
  }

  /** The VHD of a Windows To Go profile (or the one the manifest records) belongs to that work, not to the files. */
  private static boolean windowsToGoVhd(DesiredDrive desired, ObservedDrive observed, String key) {
    boolean desiredVhd = desired.wtg() != null && desired.wtg().vhdPath() != null
        && PathRules.collisionKey(desired.wtg().vhdPath()).equals(key);
    var applied = observed.wtg() == null ? null : observed.wtg().applied();
    boolean recordedVhd = applied != null && "VhdFile".equals(applied.target()) && applied.location() != null
        && PathRules.collisionKey(applied.location()).equals(key);
    return desiredVhd || recordedVhd;
  }

  /** Ventoy's user menu, when RescueFleet wrote it for Windows To Go (see VentoyMenuPlanner). */
  private static boolean ourMenu(VolumeState volume, String key) {
    return key.equals(PathRules.collisionKey(PathRules.VENTOY_GRUB_CFG))
        && io.rescuefleet.station.wtg.VentoyMenu.ours(volume.ventoyMenu());
  }

  /** The record of a file kept as it is; a full-file hash this pass refreshes its time and chunks. */
  private FileRecord keep(FileRecord record, ObservedFile have, DesiredFile want, FileCheck check) {
    boolean rehashed = check != null && check.sha256() != null;
    return new FileRecord(record.path(), want.entry(), record.size(), have.mtimeMillis(), record.sha256(),
        rehashed && !check.chunks().isEmpty() ? Digests.CHUNK_SIZE : record.chunkSize(),
        rehashed && !check.chunks().isEmpty() ? check.chunks() : record.chunks(),
        rehashed ? clock.instant().toString() : record.verifiedAt());
  }

  private FileRecord adopt(ObservedFile have, DesiredFile want, FileCheck check) {
    return new FileRecord(have.path(), want.entry(), have.size(), have.mtimeMillis(), want.sha256(),
        check.chunks().isEmpty() ? 0 : Digests.CHUNK_SIZE, check.chunks(), clock.instant().toString());
  }

  private static <T> Map<String, T> byKey(List<T> items, java.util.function.Function<T, String> path) {
    Map<String, T> map = new LinkedHashMap<>();
    items.forEach(i -> map.put(PathRules.collisionKey(path.apply(i)), i));
    return map;
  }
}
