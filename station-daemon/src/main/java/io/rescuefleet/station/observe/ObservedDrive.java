package io.rescuefleet.station.observe;

import io.rescuefleet.station.layout.PartitionTable;
import io.rescuefleet.station.verify.VerifyPass;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the planner may know about a stick, gathered fresh on every pass (level-triggered):
 * its size, partition table, what sits in the data and VTOYEFI regions, the data partition's content
 * (null when there is no usable data filesystem), the hash checks done this pass and their summary, the
 * Windows To Go slot, and the sources the station's cache already holds (sha256 to size).
 */
public record ObservedDrive(
    String device,
    long diskSectors,
    String serial,
    PartitionTable table,
    DataRegionState data,
    EfiRegionState efi,
    VolumeState volume,
    Map<String, FileCheck> checks,
    VerifyPass verifyPass,
    ObservedWtg wtg,
    Map<String, Long> cached) {

  public ObservedDrive {
    checks = Map.copyOf(checks);
    cached = Map.copyOf(cached);
  }

  public Optional<VolumeState> volumeState() {
    return Optional.ofNullable(volume);
  }

  public Optional<FileCheck> check(String path) {
    return Optional.ofNullable(checks.get(path));
  }

  /** The same observation with the Windows To Go slot as verification left it. */
  public ObservedDrive withWtg(ObservedWtg checked) {
    return new ObservedDrive(device, diskSectors, serial, table, data, efi, volume, checks, verifyPass, checked, cached);
  }

  /** The same observation with the results of a verification pass. */
  public ObservedDrive withVerification(Map<String, FileCheck> newChecks, VerifyPass pass) {
    return new ObservedDrive(device, diskSectors, serial, table, data, efi, volume, newChecks, pass, wtg, cached);
  }
}
