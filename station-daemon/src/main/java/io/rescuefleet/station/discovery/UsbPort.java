package io.rescuefleet.station.discovery;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The USB port path of a device ({@code 1-2.3}: bus 1, root port 2, hub port 3), taken from its
 * sysfs path. It names a physical slot, so a station can say "hub A slot 3" whatever stick is in it.
 */
public final class UsbPort {
  private static final Pattern PORT = Pattern.compile("^\\d+-\\d+(\\.\\d+)*$");

  private UsbPort() {}

  /**
   * The last port segment of a sysfs device path such as
   * {@code /sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2.3/1-2.3:1.0/host6/.../block/sdb}.
   */
  public static Optional<String> fromSysfsPath(String sysfsPath) {
    if (sysfsPath == null) {
      return Optional.empty();
    }
    String port = null;
    for (String segment : sysfsPath.split("/")) {
      if (PORT.matcher(segment).matches()) {
        port = segment;
      }
    }
    return Optional.ofNullable(port);
  }
}
