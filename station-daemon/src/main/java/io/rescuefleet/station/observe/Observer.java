package io.rescuefleet.station.observe;

import io.rescuefleet.api.resolve.DriveAssignment.ResolvedWtg;
import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.api.v1alpha1.PartitionStyle;
import io.rescuefleet.station.cache.ImageCache;
import io.rescuefleet.station.fs.FsSignature;
import io.rescuefleet.station.fs.VolumeSize;
import io.rescuefleet.station.layout.PartitionTable;
import io.rescuefleet.station.layout.Region;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.process.ToolFailedException;
import io.rescuefleet.station.release.ReleaseInfo;
import io.rescuefleet.station.session.StickSession;
import io.rescuefleet.station.session.Toolbox;
import java.util.Collection;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers a fresh {@link ObservedDrive}: table, what sits in the data and VTOYEFI regions, the data
 * partition's content. Starts by dropping every buffer cache of the stick, so what it reports is what
 * the medium holds now, not what this machine remembers.
 */
public final class Observer {
  private static final Logger LOG = LoggerFactory.getLogger(Observer.class);

  private final Toolbox tools;
  private final TableProbe tables;
  private final EfiProbe efi;
  private final VolumeProbe volumes = new VolumeProbe();
  private final WtgProbe wtg;

  public Observer(Toolbox tools, WtgProbe wtg) {
    this.tools = tools;
    this.wtg = wtg;
    this.tables = new TableProbe(tools.runner());
    this.efi = new EfiProbe(tools.runner());
  }

  /** What the observer needs besides the session. */
  public record Request(String serial, PartitionStyle style, ReleaseInfo release, ImageCache cache,
      Collection<String> wantedSha256, ResolvedWtg wtg) {}

  public ObservedDrive observe(StickSession session, Request request) {
    session.dropCaches();
    String disk = session.disk();
    int sector = tools.blocks().logicalSectorSize(disk);
    if (sector != 512) {
      throw new UnsupportedDeviceException(disk + " has " + sector + "-byte logical sectors; Ventoy layouts need 512");
    }
    long sectors = tools.blocks().sizeBytes(disk) / 512;
    PartitionTable table = tables.read(disk);

    DataRegionState data = new DataRegionState(FsSignature.none(), -1);
    if (session.dataRegion().isPresent()) {
      String device = session.dataDevice();
      FsSignature signature = tools.probe().probe(device);
      long volumeBytes = signature.is("exfat") || signature.is("ntfs") ? VolumeSize.read(device).orElse(-1) : -1;
      data = new DataRegionState(signature, volumeBytes);
    }

    EfiRegionState efiState = new EfiRegionState(FsSignature.none(), null, null, null);
    if (session.efiRegion().isPresent()) {
      String device = session.efiDevice();
      efiState = efi.probe(disk, device, tools.probe().probe(device), request.release(), request.style());
    }

    VolumeState volume = null;
    if (usable(session, data)) {
      try {
        var root = session.mounted();
        volume = volumes.probe(root, session.driver().orElse(null));
      } catch (ToolFailedException e) {
        LOG.warn("data filesystem not readable device={} error={}", disk, e.getMessage());
      }
    }

    StickManifest.WtgRecord applied = volume == null ? null
        : volume.manifest().valid().map(StickManifest::wtg).orElse(null);
    Map<String, Long> cached = request.cache() == null ? Map.of() : request.cache().inventory(request.wantedSha256());
    return new ObservedDrive(disk, sectors, request.serial(), table, data, efiState, volume, Map.of(), null,
        wtg.observe(session, table, volume, applied, request), cached);
  }

  private static boolean usable(StickSession session, DataRegionState data) {
    Region region = session.dataRegion().orElse(null);
    String wanted = session.filesystem() == DataFilesystem.NTFS ? "ntfs" : "exfat";
    return region != null && data.signature().is(wanted) && data.volumeBytes() == region.sizeBytes();
  }
}
