package io.rescuefleet.station.discovery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Devices admitted although they are not removable USB disks, such as the loop devices of
 * image-backed drives: the CLI's {@code --allow-device}, an ImagingStation's {@code allowDevices}.
 * It never admits a system disk: that filter does not consult it.
 */
public final class Allowlist {
  private final Set<String> devices;

  private Allowlist(Set<String> devices) {
    this.devices = Set.copyOf(devices);
  }

  public static Allowlist none() {
    return new Allowlist(Set.of());
  }

  /** Admits these paths; symlinks such as {@code /dev/disk/by-id/...} are resolved when they exist. */
  public static Allowlist of(Collection<String> paths) {
    Set<String> resolved = new LinkedHashSet<>();
    for (String p : paths) {
      resolved.add(p);
      try {
        resolved.add(Path.of(p).toRealPath().toString());
      } catch (IOException | RuntimeException e) {
        // A path that does not exist (yet) is kept as written; it simply matches nothing.
      }
    }
    return new Allowlist(resolved);
  }

  /** This allowlist plus one more device. */
  public Allowlist with(String path) {
    Set<String> more = new LinkedHashSet<>(devices);
    more.add(path);
    return new Allowlist(more);
  }

  /**
   * The devices both lists admit. Each list holds its paths as written and as resolved, so two
   * names of one existing device meet on its real path.
   */
  public Allowlist intersection(Allowlist other) {
    Set<String> both = new LinkedHashSet<>(devices);
    both.retainAll(other.devices);
    return new Allowlist(both);
  }

  public boolean allows(BlockDeviceInfo device) {
    return devices.contains(device.path()) || devices.contains("/dev/" + device.kname());
  }

  public Set<String> devices() {
    return devices;
  }
}
