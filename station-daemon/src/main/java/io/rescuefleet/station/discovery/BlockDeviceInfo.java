package io.rescuefleet.station.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One node of {@code lsblk -J -O -b}: a disk, partition, loop or mapped device, with the fields
 * the interlock and discovery look at, and its children (partitions, device-mapper holders).
 */
public record BlockDeviceInfo(
    String name,
    String kname,
    String path,
    String type,
    String transport,
    boolean removable,
    boolean hotplug,
    boolean readOnly,
    String serial,
    String vendor,
    String model,
    long sizeBytes,
    String majMin,
    String fstype,
    String label,
    List<String> mountpoints,
    List<BlockDeviceInfo> children) {

  public BlockDeviceInfo {
    mountpoints = mountpoints.stream().filter(Objects::nonNull).toList();
    children = List.copyOf(children);
  }

  /** This device and every device below it, depth first. */
  public List<BlockDeviceInfo> subtree() {
    List<BlockDeviceInfo> all = new ArrayList<>();
    walk(all::add);
    return all;
  }

  private void walk(Consumer<BlockDeviceInfo> visitor) {
    visitor.accept(this);
    children.forEach(c -> c.walk(visitor));
  }
}
