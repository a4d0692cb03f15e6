package io.rescuefleet.station.observe;

import io.rescuefleet.station.layout.PartitionEntry;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.wtg.image.WimInfo;
import java.util.List;
import java.util.Optional;

/**
 * The stick's Windows To Go slot: partitions found in the reserved space, what the manifest says was
 * applied, the Windows To Go volumes found (the partition in the reserved space, the VHD the profile
 * or the manifest names) with their markers and sample checks, the stick's serial (unattend.xml's
 * computer name), and whether the station's cache holds the profile's image, with its catalog.
 *
 * @param catalog the images of the profile's WIM when the cache holds it, else null
 * @param vhdBootPlugin whether the data partition has Ventoy's vhdboot plugin (/ventoy/ventoy_vhdboot.img)
 */
public record ObservedWtg(
    List<PartitionEntry> reservedPartitions,
    StickManifest.WtgRecord applied,
    List<WtgVolumeState> volumes,
    String serial,
    boolean imageCached,
    WimInfo catalog,
    boolean vhdBootPlugin) {

  public ObservedWtg {
    reservedPartitions = List.copyOf(reservedPartitions);
    volumes = List.copyOf(volumes);
  }

  /** The slot as far as the partition table and the manifest show it, before anything was probed. */
  public ObservedWtg(List<PartitionEntry> reservedPartitions, StickManifest.WtgRecord applied) {
    this(reservedPartitions, applied, List.of(), null, false, null, false);
  }

  public static ObservedWtg empty() {
    return new ObservedWtg(List.of(), null, List.of(), null, false, null, false);
  }

  /** The VHD found at {@code path}, compared as the data partition does (without case). */
  public Optional<WtgVolumeState> vhd(String path) {
    return volumes.stream().filter(v -> v.vhdPath() != null && v.vhdPath().equalsIgnoreCase(path)).findFirst();
  }

  /** The partition volume numbered {@code number}. */
  public Optional<WtgVolumeState> partition(int number) {
    return volumes.stream().filter(v -> v.vhdPath() == null && v.partition() == number).findFirst();
  }

  public ObservedWtg withVolumes(List<WtgVolumeState> checked) {
    return new ObservedWtg(reservedPartitions, applied, checked, serial, imageCached, catalog, vhdBootPlugin);
  }
}
