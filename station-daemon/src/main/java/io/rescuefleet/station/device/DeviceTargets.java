package io.rescuefleet.station.device;

import java.nio.file.Path;

/** Opens the target a user names: a block device as is, anything else as an image file. */
public final class DeviceTargets {
  private DeviceTargets() {}

  /** @param createSize bytes for a new image file, or null */
  public static DeviceTarget open(String path, Long createSize, LoopDevices loops) {
    if (BlockDevices.isBlockDevice(Path.of(path))) {
      if (createSize != null) {
        throw new io.rescuefleet.station.failure.InvalidInputException(
            "--size applies to image files only; " + path + " is a block device");
      }
      return new BlockDeviceTarget(path);
    }
    return ImageFileTarget.attach(Path.of(path), createSize, loops);
  }
}
