package io.rescuefleet.station.wtg;

import io.rescuefleet.api.resolve.DriveAssignment.ResolvedWtg;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.api.v1alpha1.WtgTarget;
import io.rescuefleet.station.device.RegionDevice;
import io.rescuefleet.station.fs.FsSignature;
import io.rescuefleet.station.fs.VolumeSize;
import io.rescuefleet.station.layout.PartitionEntry;
import io.rescuefleet.station.layout.PartitionTable;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.observe.ObservedWtg;
import io.rescuefleet.station.observe.Observer;
import io.rescuefleet.station.observe.VolumeState;
import io.rescuefleet.station.observe.WtgProbe;
import io.rescuefleet.station.observe.WtgVolumeState;
import io.rescuefleet.station.session.StickSession;
import io.rescuefleet.station.session.Toolbox;
import io.rescuefleet.station.wtg.bcd.BcdDevice;
import io.rescuefleet.station.wtg.image.WimInfo;
import io.rescuefleet.station.wtg.image.WimTool;
import io.rescuefleet.station.wtg.volume.MarkerRead;
import io.rescuefleet.station.wtg.volume.NtfsTools;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Observes the Windows To Go slot read-only: every partition after VTOYEFI (filesystem, size, marker
 * read with ntfscat), the VHDs the profile and the manifest name (size, footer, inner partition table,
 * marker through a read-only loop device), and whether the cache holds the profile's WIM (with its
 * catalog); verification hands marked volumes to the {@link SampleVerifier}.
 */
public final class WindowsToGoProbe implements WtgProbe {
  /** Where Ventoy looks for its vhdboot plugin; without it, Ventoy lists a VHD but cannot boot it. */
  public static final String VHDBOOT_PLUGIN = "ventoy/ventoy_vhdboot.img";

  private final Toolbox tools;
  private final WimTool wim;
  private final MarkerReader markers;
  private final VhdProbe vhds;
  private final SampleVerifier samples;

  public WindowsToGoProbe(Toolbox tools) {
    this.tools = tools;
    this.wim = new WimTool(tools.runner());
    this.markers = new MarkerReader(new NtfsTools(tools.runner()));
    this.vhds = new VhdProbe(tools, markers);
    this.samples = new SampleVerifier(tools, vhds);
  }

  @Override
  public ObservedWtg observe(StickSession session, PartitionTable table, VolumeState volume,
      StickManifest.WtgRecord applied, Observer.Request request) {
    List<PartitionEntry> extra = table.partitions().stream().filter(p -> p.number() > 2).toList();
    List<WtgVolumeState> volumes = new ArrayList<>();
    for (PartitionEntry p : extra) {
      volumes.add(partition(session.disk(), p, WindowsToGoWork.bootDevice(table, p)));
    }
    ResolvedWtg desired = request.wtg();
    Set<String> vhdPaths = new LinkedHashSet<>();
    if (desired != null && desired.target() == WtgTarget.VhdFile) {
      vhdPaths.add(desired.vhdPath());
    }
    if (applied != null && WtgTarget.VhdFile.name().equals(applied.target()) && applied.location() != null) {
      vhdPaths.add(applied.location());
    }
    if (volume != null) {
      for (String path : vhdPaths) {
        vhds.probe(session.mounted(), path).ifPresent(volumes::add);
      }
    }
    boolean cached = false;
    WimInfo catalog = null;
    if (desired != null && request.cache() != null) {
      var image = request.cache().lookup(desired.imageSha256());
      if (image.isPresent()) {
        cached = true;
        catalog = wim.info(image.get().file());
      }
    }
    boolean plugin = volume != null && Files.isRegularFile(session.mounted().resolve(VHDBOOT_PLUGIN));
    return new ObservedWtg(extra, applied, volumes, request.serial(), cached, catalog, plugin);
  }

  @Override
  public ObservedWtg verify(StickSession session, ObservedWtg observed, VerifyMode mode, double ratio, long cursor) {
    if (mode == VerifyMode.Quick) {
      return observed;
    }
    List<WtgVolumeState> checked = new ArrayList<>();
    for (WtgVolumeState v : observed.volumes()) {
      if (!v.marked()) {
        checked.add(v);
        continue;
      }
      checked.add(samples.verify(session, v, mode, ratio, cursor));
    }
    return observed.withVolumes(checked);
  }

  private WtgVolumeState partition(String disk, PartitionEntry p, BcdDevice identity) {
    try (RegionDevice device = tools.regions().open(disk, p.region())) {
      FsSignature fs = tools.probe().probe(device.path());
      if (!fs.is("ntfs")) {
        return new WtgVolumeState(WtgTarget.Partition, p.number(), p.region(), null, p.region().sizeBytes(), identity,
            fs.present() ? "holds " + fs.type() + ", not NTFS" : "holds no filesystem", new MarkerRead.Absent(), null);
      }
      OptionalLong spans = VolumeSize.read(device.path());
      if (spans.isEmpty() || spans.getAsLong() != p.region().sizeBytes()) {
        return new WtgVolumeState(WtgTarget.Partition, p.number(), p.region(), null, p.region().sizeBytes(), identity,
            "its NTFS does not span the partition", new MarkerRead.Absent(), null);
      }
      return new WtgVolumeState(WtgTarget.Partition, p.number(), p.region(), null, p.region().sizeBytes(), identity, null,
          markers.read(device.path()), null, fs.uuid());
    }
  }
}
