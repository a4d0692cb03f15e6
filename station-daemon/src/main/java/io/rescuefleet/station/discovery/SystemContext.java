package io.rescuefleet.station.discovery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the filters need to know about the machine beyond one device: every block device, the
 * device number holding {@code /}, and which loop devices are backed by which file or device.
 */
public record SystemContext(List<BlockDeviceInfo> devices, String rootMajMin, Map<String, String> loopBackings) {

  /**
   * Mount points that make a disk a system disk. A disk holding any of them, or a mount below one,
   * runs this machine and is never touched.
   */
  static final Set<String> SYSTEM_MOUNTS = Set.of("/", "/boot", "/efi", "/usr", "/var", "/home", "/opt", "/srv",
      "/etc", "/root", "/nix", "[SWAP]");

  public SystemContext {
    devices = List.copyOf(devices);
    loopBackings = Map.copyOf(loopBackings);
  }

  /** The top-level device named by path or kernel name. */
  public Optional<BlockDeviceInfo> disk(String pathOrName) {
    return devices.stream()
        .filter(d -> pathOrName.equals(d.path()) || pathOrName.equals(d.kname()) || pathOrName.equals("/dev/" + d.kname()))
        .findFirst();
  }

  /** The device anywhere in the forest (disk or partition) named by path or kernel name. */
  public Optional<BlockDeviceInfo> any(String pathOrName) {
    return devices.stream().flatMap(d -> d.subtree().stream())
        .filter(d -> pathOrName.equals(d.path()) || pathOrName.equals(d.kname()) || pathOrName.equals("/dev/" + d.kname()))
        .findFirst();
  }

  static boolean isSystemMount(String mountpoint) {
    if (SYSTEM_MOUNTS.contains(mountpoint)) {
      return true;
    }
    return SYSTEM_MOUNTS.stream().filter(m -> m.startsWith("/") && !m.equals("/"))
        .anyMatch(m -> mountpoint.startsWith(m + "/"));
  }

  /**
   * Devices that sit on top of {@code disk}: its partitions and holders, and loop devices whose
   * backing file is the disk or one of its partitions (with their own subtrees).
   */
  public List<BlockDeviceInfo> stackedOn(BlockDeviceInfo disk) {
    List<BlockDeviceInfo> stack = new java.util.ArrayList<>(disk.subtree());
    Set<String> paths = new java.util.HashSet<>();
    stack.forEach(d -> paths.add(d.path()));
    for (Map.Entry<String, String> loop : loopBackings.entrySet()) {
      if (paths.contains(loop.getValue())) {
        any(loop.getKey()).ifPresent(l -> stack.addAll(l.subtree()));
      }
    }
    return stack;
  }
}
