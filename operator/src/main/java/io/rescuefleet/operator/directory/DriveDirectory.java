package io.rescuefleet.operator.directory;

import java.util.Set;

/** Finds RescueDrives (as {@code namespace/name}) through the drive informer's indexes. */
public interface DriveDirectory {
  /** Drives whose {@code spec.serial} is {@code serial}. */
  Set<String> namingSerial(String serial);

  /** Drives claiming {@code port} of {@code station}. */
  Set<String> claimingPort(String station, String port);

  /** Drives claiming any port of {@code station}. */
  Set<String> claimingStation(String station);

  boolean exists(String driveKey);
}
