package io.rescuefleet.station.discovery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Where a block device sits in the device tree; a seam so filters can be tested with fixtures. */
@FunctionalInterface
public interface SysfsResolver {
  /** The resolved sysfs path of the device named {@code kname}, e.g. {@code /sys/devices/.../block/sdb}. */
  Optional<String> devicePath(String kname);

  /** Resolves {@code /sys/class/block/KNAME} on this machine. */
  static SysfsResolver system() {
    return kname -> {
      try {
        return Optional.of(Path.of("/sys/class/block", kname).toRealPath().toString());
      } catch (IOException e) {
        return Optional.empty();
      }
    };
  }
}
