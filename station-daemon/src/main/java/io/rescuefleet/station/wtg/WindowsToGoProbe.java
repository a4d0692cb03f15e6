package io.rescuefleet.station.wtg;

import io.rescuefleet.api.resolve.DriveAssignment.ResolvedWtg;
import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.api.v1alpha1.WtgTarget;
import io.rescuefleet.station.device.LoopDevice;
import io.rescuefleet.station.device.RegionDevice;
import io.rescuefleet.station.fs.FsSignature;
import io.rescuefleet.station.fs.MountedVolume;
import io.rescuefleet.station.fs.VolumeSize;
import io.rescuefleet.station.layout.PartitionEntry;
import io.rescuefleet.station.layout.PartitionTable;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.observe.ObservedWtg;
import io.rescuefleet.station.observe.Observer;
import io.rescuefleet.station.observe.TableProbe;
import io.rescuefleet.station.observe.VolumeState;
import io.rescuefleet.station.observe.WtgProbe;
import io.rescuefleet.station.observe.WtgVolumeState;
import io.rescuefleet.station.observe.WtgVolumeState.SampleResult;
import io.rescuefleet.station.process.ToolFailedException;
import io.rescuefleet.station.session.StickSession;
import io.rescuefleet.station.session.Toolbox;
import io.rescuefleet.station.wtg.bcd.BcdDevice;
import io.rescuefleet.station.wtg.image.SampledFile;
import io.rescuefleet.station.wtg.image.WimInfo;
import io.rescuefleet.station.wtg.image.WimTool;
import io.rescuefleet.station.wtg.vhd.VhdFooter;
import io.rescuefleet.station.wtg.volume.MarkerCodec;
import io.rescuefleet.station.wtg.volume.MarkerRead;
import io.rescuefleet.station.wtg.volume.NtfsTools;
import io.rescuefleet.station.wtg.volume.SampleCheck;
import io.rescuefleet.station.wtg.volume.WtgMarker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observes the Windows To Go slot read-only: every partition after VTOYEFI (filesystem, size, marker
 * read with ntfscat), the VHDs the profile and the manifest name (size, footer, inner partition table,
 * marker through a read-only loop device), and whether the cache holds the profile's WIM (with its
 * catalog). Verification mounts marked volumes read-only and hashes their sampled files.
 */
public final class WindowsToGoProbe implements WtgProbe {
  private static final Logger LOG = LoggerFactory.getLogger(WindowsToGoProbe.class);
  /** Where Ventoy looks for its vhdboot plugin; without it, Ventoy lists a VHD but cannot boot it. */
  public static final String VHDBOOT_PLUGIN = "ventoy/ventoy_vhdboot.img";

  private final Toolbox tools;
  private final NtfsTools ntfs;
  private final WimTool wim;
  private final TableProbe tables;

  public WindowsToGoProbe(Toolbox tools) {
    this.tools = tools;
    this.ntfs = new NtfsTools(tools.runner());
    this.wim = new WimTool(tools.runner());
    this.tables = new TableProbe(tools.runner());
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
    Set<String> vhds = new LinkedHashSet<>();
    if (desired != null && desired.target() == WtgTarget.VhdFile) {
      vhds.add(desired.vhdPath());
    }
    if (applied != null && WtgTarget.VhdFile.name().equals(applied.target()) && applied.location() != null) {
      vhds.add(applied.location());
    }
    if (volume != null) {
      for (String path : vhds) {
        vhd(session.mounted(), path).ifPresent(volumes::add);
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
      List<SampledFile> samples = choose(v.marker().valid().orElseThrow().samples(), mode, ratio, cursor);
      checked.add(v.withSamples(withDevice(session, v, device -> {
        try (MountedVolume mounted = tools.mounter().mount(device, DataFilesystem.NTFS, true)) {
          return new SampleResult(samples.size(), SampleCheck.mismatches(mounted.root(), samples));
        }
      })));
    }
    return observed.withVolumes(checked);
  }

  /** All samples for Full; for Sampled a share of {@code ratio} (at least one), rotating with the cursor. */
  static List<SampledFile> choose(List<SampledFile> samples, VerifyMode mode, double ratio, long cursor) {
    if (mode == VerifyMode.Full || samples.isEmpty()) {
      return samples;
    }
    int n = (int) Math.min(samples.size(), Math.max(1, Math.ceil(samples.size() * ratio)));
    int start = (int) Math.floorMod(cursor, (long) samples.size());
    List<SampledFile> chosen = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      chosen.add(samples.get((start + i) % samples.size()));
    }
    return chosen;
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
          marker(device.path()), null);
    }
  }

  private java.util.Optional<WtgVolumeState> vhd(Path root, String path) {
    Path file = root.resolve(path);
    if (!Files.isRegularFile(file)) {
      return java.util.Optional.empty();
    }
    try {
      long fileSize = Files.size(file);
      long disk = fileSize - VhdFooter.LENGTH;
      if (fileSize < VhdFooter.LENGTH + 512) {
        return java.util.Optional.of(vhdState(path, disk, null, "is too small to be a VHD", new MarkerRead.Absent()));
      }
      VhdFooter footer;
      try {
        footer = VhdFooter.decode(read(file, disk, VhdFooter.LENGTH));
      } catch (IllegalArgumentException e) {
        return java.util.Optional.of(vhdState(path, disk, null, "footer: " + e.getMessage(), new MarkerRead.Absent()));
      }
      if (footer.size() != disk) {
        return java.util.Optional.of(vhdState(path, disk, null, "footer says " + footer.size() + " bytes, the file holds "
            + disk, new MarkerRead.Absent()));
      }
      PartitionTable inner = tables.read(file.toString());
      PartitionEntry windows = inner.partition(1).orElse(null);
      if (!PartitionTable.DOS.equals(inner.label()) || windows == null || windows.region().endSector() * 512 > disk) {
        return java.util.Optional.of(vhdState(path, disk, null, "has no Windows partition", new MarkerRead.Absent()));
      }
      BcdDevice identity = WindowsToGoWork.bootDevice(inner, windows);
      try (LoopDevice loop = tools.loops().attach(file.toString(), windows.region().offsetBytes(),
          windows.region().sizeBytes(), true)) {
        if (!tools.probe().probe(loop.path()).is("ntfs")) {
          return java.util.Optional.of(vhdState(path, disk, identity, "its partition holds no NTFS",
              new MarkerRead.Absent()));
        }
        return java.util.Optional.of(vhdState(path, disk, identity, null, marker(loop.path())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static WtgVolumeState vhdState(String path, long disk, BcdDevice identity, String problem, MarkerRead marker) {
    return new WtgVolumeState(WtgTarget.VhdFile, 0, null, path, disk, identity, problem, marker, null);
  }

  private MarkerRead marker(String device) {
    try {
      return MarkerCodec.read(ntfs.text(device, WtgMarker.PATH).map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null));
    } catch (ToolFailedException e) {
      LOG.warn("windows to go marker unreadable device={} error={}", device, e.getMessage());
      return new MarkerRead.Unreadable("ntfscat cannot read it: " + e.getMessage());
    }
  }

  /** Runs {@code work} with a block device of the volume: its partition's region, or the VHD's partition. */
  private <T> T withDevice(StickSession session, WtgVolumeState v, Function<String, T> work) {
    if (v.target() == WtgTarget.Partition) {
      try (RegionDevice device = tools.regions().open(session.disk(), v.region())) {
        return work.apply(device.path());
      }
    }
    Path file = session.mounted().resolve(v.vhdPath());
    PartitionTable inner = tables.read(file.toString());
    PartitionEntry windows = inner.partition(1).orElseThrow();
    try (LoopDevice loop = tools.loops().attach(file.toString(), windows.region().offsetBytes(),
        windows.region().sizeBytes(), true)) {
      return work.apply(loop.path());
    }
  }

  private static byte[] read(Path file, long offset, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length);
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
      while (b.hasRemaining()) {
        if (c.read(b, offset + b.position()) < 0) {
          throw new IOException("end of " + file + " at " + (offset + b.position()));
        }
      }
    }
    return b.array();
  }
}
