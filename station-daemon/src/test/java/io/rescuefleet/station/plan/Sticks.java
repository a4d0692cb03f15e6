package io.rescuefleet.station.plan;

import io.rescuefleet.api.resolve.DriveAssignment.ResolvedUnattend;
import io.rescuefleet.api.resolve.DriveAssignment.ResolvedWtg;
import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.api.v1alpha1.PartitionStyle;
import io.rescuefleet.api.v1alpha1.SanPolicy;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.api.v1alpha1.WtgTarget;
import io.rescuefleet.station.fs.FsSignature;
import io.rescuefleet.station.layout.DesiredLayout;
import io.rescuefleet.station.layout.PartitionEntry;
import io.rescuefleet.station.layout.PartitionTable;
import io.rescuefleet.station.layout.VentoyPartitionTypes;
import io.rescuefleet.station.manifest.ManifestRead;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.manifest.StickManifest.FileRecord;
import io.rescuefleet.station.observe.DataRegionState;
import io.rescuefleet.station.observe.EfiRegionState;
import io.rescuefleet.station.observe.FileCheck;
import io.rescuefleet.station.observe.ObservedDrive;
import io.rescuefleet.station.observe.ObservedFile;
import io.rescuefleet.station.observe.ObservedWtg;
import io.rescuefleet.station.observe.VolumeState;
import io.rescuefleet.station.release.ReleaseInfo;
import io.rescuefleet.station.verify.Digests;
import io.rescuefleet.station.verify.ReadPath;
import io.rescuefleet.station.verify.VerifyPass;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Builders of desired and observed sticks for planner tests: a converged stick, and ways to spoil it. */
final class Sticks {
  static final long SECTORS = 512L * 2048; // a 512 MiB stick
  static final long MIB = 1 << 20;
  static final String SPEC_DIGEST = "d".repeat(64);
  static final ReleaseInfo RELEASE = new ReleaseInfo("1.1.05", "/release", 65536,
      new EfiRegionState.BootArea("a".repeat(64), "b".repeat(64)), new EfiRegionState.BootArea("c".repeat(64), "e".repeat(64)));

  private Sticks() {}

  static String sha(String name) {
    return Digests.sha256(name);
  }

  static DesiredFile file(String name, String path, long size) {
    return new DesiredFile(name, path, "file:///isos/" + name + ".iso", sha(name), size, null);
  }

  /** A GPT exFAT drive with three images, a release available and pinned. */
  static DesiredDrive desired() {
    return desired(d -> d);
  }

  static DesiredDrive desired(UnaryOperator<Desired> change) {
    Desired d = new Desired();
    return change.apply(d).build();
  }

  /** Mutable builder of a desired drive. */
  static final class Desired {
    PartitionStyle style = PartitionStyle.GPT;
    DataFilesystem fs = DataFilesystem.exFAT;
    String label = "Ventoy";
    long reservedMiB = 0;
    boolean secureBoot = true;
    String pinned = "1.1.05";
    ReleaseInfo release = RELEASE;
    List<DesiredFile> files = new ArrayList<>(List.of(file("alpha", "iso/alpha.iso", 40 * MIB),
        file("beta", "iso/beta.iso", 60 * MIB), file("gamma", "tools/gamma.iso", 20 * MIB)));
    String ventoyJson = "{\"control\":[]}\n";
    ResolvedWtg wtg;

    Desired style(PartitionStyle s) {
      style = s;
      return this;
    }

    Desired fs(DataFilesystem f) {
      fs = f;
      return this;
    }

    Desired label(String l) {
      label = l;
      return this;
    }

    Desired secureBoot(boolean on) {
      secureBoot = on;
      return this;
    }

    Desired noRelease() {
      release = null;
      return this;
    }

    Desired pinned(String version) {
      pinned = version;
      return this;
    }

    Desired files(DesiredFile... f) {
      files = new ArrayList<>(List.of(f));
      return this;
    }

    Desired ventoyJson(String json) {
      ventoyJson = json;
      return this;
    }

    Desired withWtg() {
      wtg = new ResolvedWtg("win11", "https://x/install.wim", "f".repeat(64), null, 1, null, WtgTarget.Partition, 128,
          null, new ResolvedUnattend("WTG-{serial}", true, true, SanPolicy.OfflineInternal), null);
      reservedMiB = 128;
      return this;
    }

    DesiredDrive build() {
      return new DesiredDrive("lab/stick", SPEC_DIGEST, style, fs, label, reservedMiB, secureBoot, pinned, release,
          files, ventoyJson, Digests.sha256(ventoyJson), wtg);
    }
  }

  /** The stick exactly as {@code desired} says, as the observer would report it after a Quick pass. */
  static Observed converged(DesiredDrive desired) {
    return new Observed(desired);
  }

  /** Mutable builder of an observed stick, starting from "converged to desired". */
  static final class Observed {
    final DesiredDrive desired;
    long sectors = SECTORS;
    PartitionTable table;
    DataRegionState data;
    EfiRegionState efi;
    List<ObservedFile> files = new ArrayList<>();
    List<FileRecord> records = new ArrayList<>();
    ManifestRead manifestOverride;
    String ventoyJsonSha;
    List<String> staging = new ArrayList<>();
    long freeBytes = 300 * MIB;
    Map<String, FileCheck> checks = new HashMap<>();
    VerifyPass pass = VerifyPass.none(VerifyMode.Quick, 0);
    Map<String, Long> cached = new HashMap<>();
    boolean volumePresent = true;
    String manifestSpecDigest = SPEC_DIGEST;
    List<PartitionEntry> extraPartitions = new ArrayList<>();
    List<String> pending = new ArrayList<>();

    Observed(DesiredDrive d) {
      desired = d;
      DesiredLayout layout = DesiredLayout.compute(sectors, d.style(), d.reservedMiB());
      table = table(layout);
      data = new DataRegionState(new FsSignature(d.filesystemType(), d.dataLabel(), "UUID", null), layout.data().sizeBytes());
      ReleaseInfo release = d.release();
      efi = new EfiRegionState(new FsSignature("vfat", "VTOYEFI", "E", "FAT16"), d.pinnedVentoyVersion() != null
          ? d.pinnedVentoyVersion() : release == null ? null : release.version(), d.secureBoot(),
          release == null ? null : release.bootArea(d.style()));
      long t = 1_700_000_000_000L;
      for (DesiredFile f : d.files()) {
        files.add(new ObservedFile(f.path(), f.size(), t));
        records.add(new FileRecord(f.path(), f.entry(), f.size(), t, f.sha256(), Digests.CHUNK_SIZE,
            chunks(f), "2025-01-01T00:00:00Z"));
        t += 1000;
      }
      ventoyJsonSha = d.ventoyJsonSha256();
      d.files().forEach(f -> cached.put(f.sha256(), f.size()));
    }

    private static List<String> chunks(DesiredFile f) {
      List<String> c = new ArrayList<>();
      for (int i = 0; i < Digests.chunkCount(f.size(), Digests.CHUNK_SIZE); i++) {
        c.add(Digests.sha256(f.entry() + i));
      }
      return c;
    }

    static PartitionTable table(DesiredLayout layout) {
      boolean gpt = layout.style() == PartitionStyle.GPT;
      return new PartitionTable(gpt ? PartitionTable.GPT : PartitionTable.DOS, gpt ? "11111111-2222-3333-4444-555555555555"
          : "0x1234abcd", 512, List.of(
          new PartitionEntry(1, layout.data().startSector(), layout.data().sectors(),
              gpt ? VentoyPartitionTypes.GPT_DATA : VentoyPartitionTypes.MBR_DATA, "P1", gpt ? "Ventoy" : null, !gpt, null),
          new PartitionEntry(2, layout.efi().startSector(), layout.efi().sectors(),
              gpt ? VentoyPartitionTypes.GPT_EFI : VentoyPartitionTypes.MBR_EFI, "P2", gpt ? "VTOYEFI" : null, false,
              gpt ? VentoyPartitionTypes.GPT_EFI_ATTRS : null)));
    }

    Observed blank() {
      table = PartitionTable.none();
      data = new DataRegionState(FsSignature.none(), -1);
      efi = new EfiRegionState(FsSignature.none(), null, null, new EfiRegionState.BootArea("0".repeat(64), "0".repeat(64)));
      volumePresent = false;
      cached.clear();
      return this;
    }

    Observed noTable() {
      table = PartitionTable.none();
      return this;
    }

    Observed dataHolds(FsSignature signature, long volumeBytes) {
      data = new DataRegionState(signature, volumeBytes);
      volumePresent = signature.is(desired.filesystemType());
      return this;
    }

    /** VTOYEFI's region holds no filesystem (e.g. it moved with a new table style). */
    Observed efiBlank() {
      efi = new EfiRegionState(FsSignature.none(), null, null, efi.bootArea());
      return this;
    }

    Observed efiVersion(String version) {
      efi = new EfiRegionState(efi.signature(), version, efi.secureBootLayout(), efi.bootArea());
      return this;
    }

    Observed without(String path) {
      files.removeIf(f -> f.path().equals(path));
      return this;
    }

    Observed foreign(String path, long size) {
      files.add(new ObservedFile(path, size, 1_600_000_000_000L));
      return this;
    }

    Observed resized(String path, long size) {
      files.replaceAll(f -> f.path().equals(path) ? new ObservedFile(path, size, f.mtimeMillis()) : f);
      return this;
    }

    Observed touched(String path) {
      files.replaceAll(f -> f.path().equals(path) ? new ObservedFile(path, f.size(), f.mtimeMillis() + 5000) : f);
      return this;
    }

    Observed unrecorded(String path) {
      records.removeIf(r -> r.path().equals(path));
      return this;
    }

    Observed recordedWithOldContent(String path) {
      records.replaceAll(r -> r.path().equals(path) ? new FileRecord(r.path(), r.entry(), r.size(), r.mtimeMillis(),
          Digests.sha256("old " + path), r.chunkSize(), r.chunks(), r.verifiedAt()) : r);
      return this;
    }

    Observed recordedOnly(String path, long size) {
      records.add(new FileRecord(path, "old", size, 1_650_000_000_000L, Digests.sha256(path), 0, List.of(), "2024-01-01T00:00:00Z"));
      return this;
    }

    Observed check(String path, FileCheck.Status status, String sha256) {
      checks.put(path, new FileCheck(path, status, sha256, List.of(), 1, status == FileCheck.Status.MATCH ? null : "differs"));
      return this;
    }

    Observed sampled(int filesChecked) {
      pass = new VerifyPass(VerifyMode.Sampled, filesChecked, 16 * MIB, 0, 0.1, ReadPath.DEVICE_EXTENTS, 3);
      return this;
    }

    /** An interrupted run retracted {@code path}: no longer listed, but pending, RescueFleet's to finish. */
    Observed pending(String path) {
      records.removeIf(r -> r.path().equals(path));
      pending.add(path);
      manifestSpecDigest = null;
      return this;
    }

    Observed manifest(ManifestRead read) {
      manifestOverride = read;
      return this;
    }

    Observed manifestClaimingNothing() {
      manifestSpecDigest = null;
      return this;
    }

    Observed manifestForOtherSpec() {
      manifestSpecDigest = "0".repeat(64);
      return this;
    }

    Observed ventoyJson(String sha) {
      ventoyJsonSha = sha;
      return this;
    }

    Observed staging(String... leftovers) {
      staging = List.of(leftovers);
      return this;
    }

    Observed free(long bytes) {
      freeBytes = bytes;
      return this;
    }

    Observed uncached() {
      cached.clear();
      return this;
    }

    Observed wtgPartition(PartitionEntry p) {
      extraPartitions.add(p);
      List<PartitionEntry> all = new ArrayList<>(table.partitions());
      all.add(p);
      table = new PartitionTable(table.label(), table.id(), table.sectorSize(), all);
      return this;
    }

    ObservedDrive build() {
      VolumeState volume = null;
      if (volumePresent) {
        ManifestRead manifest = manifestOverride != null ? manifestOverride
            : new ManifestRead.Valid(new StickManifest(1, "uuid-1", desired.driveKey(), manifestSpecDigest,
                desired.ventoyJsonSha256(), "2025-01-01T00:00:00Z", "test", 123, 0, records, List.of(), null, pending));
        List<ObservedFile> all = new ArrayList<>(files);
        if (ventoyJsonSha != null) {
          all.add(new ObservedFile("ventoy/ventoy.json", 20, 1_700_000_000_000L));
        }
        volume = new VolumeState(null, all, manifest, ventoyJsonSha, null, null, staging, freeBytes, 500 * MIB);
      }
      return new ObservedDrive("/dev/sdz", sectors, "S1", table, data, efi, volume, checks, pass,
          new ObservedWtg(extraPartitions, null), cached);
    }
  }
}
