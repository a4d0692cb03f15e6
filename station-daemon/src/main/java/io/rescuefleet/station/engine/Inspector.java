package io.rescuefleet.station.engine;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.api.v1alpha1.PartitionStyle;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.api.validate.PathRules;
import io.rescuefleet.station.device.RegionDevice;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.fs.FsSignature;
import io.rescuefleet.station.layout.PartitionEntry;
import io.rescuefleet.station.layout.PartitionTable;
import io.rescuefleet.station.layout.Region;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.manifest.StickManifest.FileRecord;
import io.rescuefleet.station.observe.FileCheck;
import io.rescuefleet.station.observe.ObservedDrive;
import io.rescuefleet.station.observe.ObservedFile;
import io.rescuefleet.station.observe.Observer;
import io.rescuefleet.station.observe.TableProbe;
import io.rescuefleet.station.observe.VentoyJsonCheck;
import io.rescuefleet.station.observe.VolumeState;
import io.rescuefleet.station.plan.DesiredFile;
import io.rescuefleet.station.session.StickSession;
import io.rescuefleet.station.session.ToolStickSession;
import io.rescuefleet.station.session.Toolbox;
import io.rescuefleet.station.wtg.VentoyMenu;
import io.rescuefleet.station.wtg.WtgStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Describes a stick as it is, from its own partition table rather than a spec, and with a Sampled or
 * Full mode verifies the files its manifest lists. Read-only: mounts read-only, writes nothing.
 */
final class Inspector {
  private static final String WRITTEN_BY_US = "written by RescueFleet";

  private final Toolbox tools;
  private final Observer observer;
  private final Verification verification;

  Inspector(Toolbox tools, Observer observer, Verification verification) {
    this.tools = tools;
    this.observer = observer;
    this.verification = verification;
  }

  Inspection inspect(String device, String serial, VerifyMode mode, EngineListener listener, Cancellation cancellation) {
    listener.phase("observe");
    PartitionTable table = new TableProbe(tools.runner()).read(device);
    Region data = table.partition(1).map(PartitionEntry::region).orElse(null);
    Region efi = table.partition(2).map(PartitionEntry::region).orElse(null);
    DataFilesystem fs = data != null && probe(device, data).is("ntfs") ? DataFilesystem.NTFS : DataFilesystem.exFAT;
    PartitionStyle style = PartitionTable.DOS.equals(table.label()) ? PartitionStyle.MBR : PartitionStyle.GPT;
    try (StickSession session = new ToolStickSession(tools, device, data, efi, fs, false)) {
      ObservedDrive observed = observer.observe(session, new Observer.Request(serial, style, null, null, List.of(), null));
      Optional<StickManifest> manifest = observed.volumeState().flatMap(v -> v.manifest().valid());
      VerifyMode effective = mode == null ? VerifyMode.Quick : mode;
      if (effective != VerifyMode.Quick && manifest.isPresent()) {
        listener.phase("verify");
        List<DesiredFile> recorded = manifest.get().files().stream()
            .map(f -> new DesiredFile(f.entry(), f.path(), null, f.sha256(), f.size(), null)).toList();
        observed = verification.run(session, observed, recorded, effective, 0.1, cancellation,
            (done, total, n) -> listener.verifyProgress(done, total));
      }
      return view(device, serial, table, observed, manifest, session);
    }
  }

  private FsSignature probe(String device, Region region) {
    try (RegionDevice r = tools.regions().open(device, region)) {
      return tools.probe().probe(r.path());
    }
  }

  private static Inspection view(String device, String serial, PartitionTable table, ObservedDrive o,
      Optional<StickManifest> manifest, StickSession session) {
    List<Inspection.PartitionView> partitions = new ArrayList<>();
    for (PartitionEntry p : table.partitions()) {
      FsSignature fs = p.number() == 1 ? o.data().signature() : p.number() == 2 ? o.efi().signature() : FsSignature.none();
      partitions.add(new Inspection.PartitionView(p.number(), p.start(), p.size(), p.type(), p.name(), p.bootable(),
          fs.type(), fs.label()));
    }
    VolumeState volume = o.volume();
    Optional<String> ventoyProblem = volume == null || volume.ventoyJsonSha256() == null ? Optional.empty()
        : VentoyJsonCheck.problem(volume.ventoyJson());
    String ventoyStatus = ventoyJsonStatus(volume, manifest, ventoyProblem);
    String ventoyState = ventoyProblem.isPresent() ? "untrusted"
        : ventoyStatus.equals(WRITTEN_BY_US) ? "managed" : "modified";
    List<Inspection.FileView> files = new ArrayList<>();
    if (volume != null) {
      Map<String, FileRecord> records = manifest.map(StickManifest::files).orElse(List.of()).stream()
          .collect(Collectors.toMap(r -> PathRules.collisionKey(r.path()), Function.identity(), (a, b) -> a));
      for (ObservedFile f : volume.files()) {
        FileRecord r = records.get(PathRules.collisionKey(f.path()));
        boolean ventoyJson = PathRules.collisionKey(f.path()).equals(PathRules.VENTOY_JSON)
            || PathRules.collisionKey(f.path()).equals(PathRules.VENTOY_GRUB_CFG) && VentoyMenu.ours(volume.ventoyMenu());
        if (o.wtg().vhd(f.path()).isPresent()) {
          files.add(new Inspection.FileView(f.path(), f.size(), Instant.ofEpochMilli(f.mtimeMillis()).toString(), null,
              true, "windows to go"));
          continue;
        }
        String state = ventoyJson ? ventoyState : state(f, r, o.checks().get(f.path()), false);
        files.add(new Inspection.FileView(f.path(), f.size(), Instant.ofEpochMilli(f.mtimeMillis()).toString(),
            r == null ? null : r.sha256(), r != null || ventoyJson, state));
      }
    }
    String version = o.efi().ventoyVersion() == null ? Inspection.NOT_INSTALLED : o.efi().ventoyVersion();
    VerifyReport verify = o.verifyPass() == null ? null : VerifyReport.of(o.verifyPass());
    return new Inspection(device, o.diskSectors() * 512, serial, table.label(), partitions, version,
        o.efi().secureBootLayout(), session.driver().map(Object::toString).orElse(null), files,
        volume == null || ventoyProblem.isPresent() ? null : volume.ventoyJson(), ventoyStatus, volume == null ? null : volume.ventoyMenu(),
        volume == null ? "no readable data filesystem" : volume.manifest().describe(), manifest.orElse(null), verify,
        volume == null ? 0 : volume.freeBytes(), volume == null ? 0 : volume.totalBytes(), WtgStatus.of(o.wtg()));
  }

  /** What the ventoy.json is: absent, unreadable or unsafe (why), RescueFleet's, or edited since. */
  private static String ventoyJsonStatus(VolumeState volume, Optional<StickManifest> manifest, Optional<String> problem) {
    if (volume == null) {
      return "no readable data filesystem";
    }
    if (volume.ventoyJsonSha256() == null) {
      return "absent";
    }
    if (problem.isPresent()) {
      return problem.get();
    }
    if (manifest.isEmpty()) {
      return "not known to be RescueFleet's (no valid manifest)";
    }
    return volume.ventoyJsonSha256().equals(manifest.get().ventoyJsonSha256()) ? WRITTEN_BY_US
        : "edited: not what RescueFleet wrote";
  }

  private static String state(ObservedFile f, FileRecord r, FileCheck check, boolean ventoyJson) {
    if (r == null) {
      return ventoyJson ? "managed" : "unmanaged";
    }
    if (check != null) {
      return switch (check.status()) {
        case MATCH -> "verified";
        case MISMATCH -> "mismatch";
        case UNREADABLE -> "unreadable";
      };
    }
    return f.size() == r.size() && f.mtimeMillis() == r.mtimeMillis() ? "verified" : "modified";
  }
}
