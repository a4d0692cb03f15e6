package io.rescuefleet.station.discovery;

/**
 * A candidate stick as discovery sees it: what the operator needs to bind it to a RescueDrive (serial,
 * USB port) and to show it (vendor, model, size).
 */
public record StickInfo(
    String device,
    String serial,
    String usbPort,
    String vendor,
    String model,
    long sizeBytes,
    String transport,
    boolean removable,
    boolean hotplug) {

  static StickInfo of(BlockDeviceInfo disk, SysfsResolver sysfs) {
    String port = sysfs.devicePath(disk.kname()).flatMap(UsbPort::fromSysfsPath).orElse(null);
    return new StickInfo(disk.path(), disk.serial(), port, disk.vendor(), disk.model(), disk.sizeBytes(),
        disk.transport(), disk.removable(), disk.hotplug());
  }
}
