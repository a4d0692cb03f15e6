package io.rescuefleet.faults.hostile;

import io.rescuefleet.faults.lab.DriveSpec;
import io.rescuefleet.station.device.LoopDevice;
import io.rescuefleet.station.device.LoopDevices;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** A write-protected stick (its write-protect switch on: a read-only loop device) that is out of date. */
final class ReadOnlyStick implements HostileCase {
  @Override
  public String kind() {
    return "hostile/read-only";
  }

  @Override
  public Expected expected() {
    return new Expected(3, "DeviceRefused", List.of("read-only"), true);
  }

  @Override
  public Arranged arrange(HostileLab lab, Random random) {
    var a = lab.served("a", 0, "iso/a.iso");
    Path image = lab.convergedStick(lab.spec("before", List.of(a)));
    DriveSpec more = lab.spec("more", List.of(a, lab.served("b", 1, "iso/b.iso")));
    LoopDevice device = new LoopDevices(lab.runner()).attach(image.toString(), 0, 0, true);
    return new Arranged(more, image, device.path(), List.of("--allow-device", device.path()), device::close, more,
        "read-only " + device.path());
  }
}
