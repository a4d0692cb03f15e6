package io.rescuefleet.faults.removal;

import io.rescuefleet.faults.lab.DetachableMedium;
import io.rescuefleet.faults.lab.DriveSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One stick of the drill: its medium and image, the phase it is pulled in, the two specs it goes back
 * and forth between (each transition passes through that phase), the one it holds now, and a clean
 * run's calibration of the transition to each.
 */
final class RemovalStick {
  private final Phase phase;
  private final DetachableMedium medium;
  private final Path image;
  private final long size;
  private final DriveSpec a;
  private final DriveSpec b;
  private final Map<String, Calibration> calibrations = new HashMap<>();
  private DriveSpec current;

  RemovalStick(Phase phase, DetachableMedium medium, String imageName, long size, DriveSpec a, DriveSpec b) {
    this.phase = phase;
    this.medium = medium;
    this.image = medium.file(imageName);
    this.size = size;
    this.a = a;
    this.b = b;
  }

  Phase phase() {
    return phase;
  }

  DetachableMedium medium() {
    return medium;
  }

  Path image() {
    return image;
  }

  long size() {
    return size;
  }

  DriveSpec a() {
    return a;
  }

  DriveSpec current() {
    return current;
  }

  /** The spec the next transition goes to. */
  DriveSpec target() {
    return current == a ? b : a;
  }

  void holds(DriveSpec spec) {
    current = spec;
  }

  void calibrate(DriveSpec spec, Calibration calibration) {
    calibrations.put(spec.name(), calibration);
  }

  Calibration calibration(DriveSpec spec) {
    return calibrations.get(spec.name());
  }
}
