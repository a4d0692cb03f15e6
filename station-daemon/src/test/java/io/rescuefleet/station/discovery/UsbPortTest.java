package io.rescuefleet.station.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsbPortTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "/sys/devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1.3/2-1.3:1.0/host0/target0:0:0/0:0:0:0/block/sda, 2-1.3",
      "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-4/1-4:1.0/host2/target2:0:0/2:0:0:0/block/sdc, 1-4",
      "/sys/devices/pci0000:00/0000:00:14.0/usb2/2-2/2-2.4/2-2.4.1/2-2.4.1:1.0/host3/target3:0:0/3:0:0:0/block/sde, 2-2.4.1",
  })
  void takesTheDeepestPortOfTheDevicePath(String sysfs, String port) {
    assertThat(UsbPort.fromSysfsPath(sysfs)).contains(port);
  }

  @ParameterizedTest(name = "{0} has no USB port")
  @CsvSource({
      "/sys/devices/pci0000:00/0000:00:1d.0/0000:02:00.0/nvme/nvme0/nvme0n1",
      "/sys/devices/virtual/block/loop3",
  })
  void nonUsbDevicesHaveNone(String sysfs) {
    assertThat(UsbPort.fromSysfsPath(sysfs)).isEmpty();
  }
}
