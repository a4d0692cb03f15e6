package io.rescuefleet.station.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The lsblk fixtures under src/test/resources/lsblk, and sysfs paths for their disks. */
public final class InterlockFixtures {
  /** Where the fixtures' disks hang in the device tree: the USB ones behind hubs. */
  public static final SysfsResolver SYSFS = kname -> Optional.ofNullable(Map.of(
      "sda", "/sys/devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1.3/2-1.3:1.0/host0/target0:0:0/0:0:0:0/block/sda",
      "sdc", "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-4/1-4:1.0/host2/target2:0:0/2:0:0:0/block/sdc",
      "sdd", "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-4/1-4:1.0/host2/target2:0:0/2:0:0:1/block/sdd",
      "sde", "/sys/devices/pci0000:00/0000:00:14.0/usb2/2-2/2-2.4/2-2.4.1/2-2.4.1:1.0/host3/target3:0:0/3:0:0:0/block/sde",
      "nvme0n1", "/sys/devices/pci0000:00/0000:00:1d.0/0000:02:00.0/nvme/nvme0/nvme0n1").get(kname));

  private InterlockFixtures() {}

  public static String text(String name) {
    try (InputStream in = InterlockFixtures.class.getResourceAsStream("/lsblk/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The machine of a fixture; {@code rootMajMin} is the device holding {@code /}. */
  public static SystemContext machine(String name, String rootMajMin) {
    return new SystemContext(LsblkParser.parse(text(name)), rootMajMin, Map.of());
  }

  /** The machine plus a loop device {@code loop} backed by {@code backing}, mounted at {@code mountpoint}. */
  public static SystemContext withLoop(String name, String rootMajMin, String loop, String backing, String mountpoint) {
    List<BlockDeviceInfo> devices = new java.util.ArrayList<>(LsblkParser.parse(text(name)));
    devices.add(new BlockDeviceInfo(loop, loop, "/dev/" + loop, "loop", null, false, false, false, null, null, null,
        1 << 30, "7:7", "iso9660", null, List.of(mountpoint), List.of()));
    return new SystemContext(devices, rootMajMin, Map.of("/dev/" + loop, backing));
  }

  public static List<BlockDeviceInfo> devices(String name) {
    return LsblkParser.parse(text(name));
  }
}
