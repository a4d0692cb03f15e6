package io.rescuefleet.station.interlock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescuefleet.station.discovery.Allowlist;
import io.rescuefleet.station.discovery.DeviceFilters;
import io.rescuefleet.station.discovery.Discovery;
import io.rescuefleet.station.discovery.InterlockFixtures;
import io.rescuefleet.station.discovery.StickInfo;
import io.rescuefleet.station.discovery.SystemContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The interlock on the machine shapes a station meets, from lsblk output in its exact format: what it
 * admits, what it refuses and the reason it gives.
 */
class InterlockFixturesTest {

  private static SafetyInterlock on(SystemContext machine) {
    return new SafetyInterlock(new Discovery(DeviceFilters.standard(), InterlockFixtures.SYSFS), () -> machine);
  }

  @Test
  void aLaptopAdmitsItsUsbStickWithSerialAndPort() {
    SystemContext laptop = InterlockFixtures.machine("laptop-with-usb-stick.json", "259:2");
    Admission a = on(laptop).admit("/dev/sda", Allowlist.none());
    assertThat(a.stick()).isEqualTo(new StickInfo("/dev/sda", "E0D55EA573F1F6B0A9420F21", "2-1.3", "Kingston",
        "DataTraveler 3.0", 15479597056L, "usb", true, true));
  }

  @Test
  void aLaptopNeverAdmitsItsNvmeRootDiskEvenAllowListed() {
    SystemContext laptop = InterlockFixtures.machine("laptop-with-usb-stick.json", "259:2");
    assertThatThrownBy(() -> on(laptop).admit("/dev/nvme0n1", Allowlist.of(List.of("/dev/nvme0n1"))))
        .isInstanceOf(DeviceRefusedException.class)
        .hasMessage("refusing /dev/nvme0n1: /dev/nvme0n1 is the root disk (/dev/nvme0n1p2 holds /)");
  }

  @Test
  void aPartitionIsNotAStick() {
    SystemContext laptop = InterlockFixtures.machine("laptop-with-usb-stick.json", "259:2");
    assertThatThrownBy(() -> on(laptop).admit("/dev/sda1", Allowlist.none()))
        .hasMessageContaining("/dev/sda1 is a part, not a whole disk");
  }

  @Test
  void aRootOnLvmIsFoundThroughTheHolders() {
    // Without the device number of / (an overlay root), the mount points still give it away.
    SystemContext workstation = InterlockFixtures.machine("nvme-root.json", null);
    assertThatThrownBy(() -> on(workstation).admit("/dev/nvme0n1", Allowlist.of(List.of("/dev/nvme0n1"))))
        .hasMessageContaining("is a system disk (/dev/nvme0n1p1 is mounted at /boot/efi)");
  }

  @Test
  void aSecondNvmeDiskIsRefusedAsNotUsb() {
    SystemContext workstation = InterlockFixtures.machine("nvme-root.json", "254:0");
    assertThatThrownBy(() -> on(workstation).admit("/dev/nvme1n1", Allowlist.none()))
        .hasMessage("refusing /dev/nvme1n1: /dev/nvme1n1 has transport nvme, not usb; admit it with --allow-device");
  }

  @Test
  void aSataDataDiskIsRefusedUnlessAllowListed() {
    SystemContext server = InterlockFixtures.machine("sata-disk.json", "8:2");
    assertThatThrownBy(() -> on(server).admit("/dev/sdb", Allowlist.none()))
        .hasMessageContaining("has transport sata, not usb");
    assertThat(on(server).admit("/dev/sdb", Allowlist.of(List.of("/dev/sdb"))).verdicts())
        .anySatisfy(v -> assertThat(v.reason()).isEqualTo("/dev/sdb is allow-listed"));
  }

  @Test
  void anEmptyCardReaderSlotHasNoMedium() {
    SystemContext desk = InterlockFixtures.machine("usb-card-reader.json", "259:1");
    assertThatThrownBy(() -> on(desk).admit("/dev/sdc", Allowlist.none())).hasMessageContaining("has no medium (size 0)");
  }

  @Test
  void aCardMountedByTheDesktopIsRefused() {
    SystemContext desk = InterlockFixtures.machine("usb-card-reader.json", "259:1");
    assertThatThrownBy(() -> on(desk).admit("/dev/sdd", Allowlist.none()))
        .hasMessage("refusing /dev/sdd: /dev/sdd1 is mounted at /media/tech/CARD; unmount it first");
  }

  @Test
  void aUsbHardDiskIsHotPluggableThoughNotRemovable() {
    SystemContext desk = InterlockFixtures.machine("usb-hard-disk.json", "259:1");
    Admission a = on(desk).admit("/dev/sde", Allowlist.none());
    assertThat(a.stick().usbPort()).isEqualTo("2-2.4.1");
    assertThat(a.verdicts()).anySatisfy(v -> assertThat(v.reason()).isEqualTo("/dev/sde is hot-pluggable"));
  }

  @Test
  void aStickWithAMountedLoopDeviceOnTopIsInUse() {
    SystemContext laptop = InterlockFixtures.withLoop("laptop-with-usb-stick.json", "259:2", "loop7", "/dev/sda1",
        "/mnt/iso");
    assertThatThrownBy(() -> on(laptop).admit("/dev/sda", Allowlist.none()))
        .hasMessageContaining("/dev/loop7 is mounted at /mnt/iso");
  }

  @Test
  void anUnknownDeviceIsRefused() {
    SystemContext laptop = InterlockFixtures.machine("laptop-with-usb-stick.json", "259:2");
    assertThatThrownBy(() -> on(laptop).admit("/dev/sdq", Allowlist.none()))
        .hasMessage("/dev/sdq is not a block device lsblk knows");
  }

  @Test
  void discoveryListsOnlyAdmittedSticksWithReasonsForTheOthers() {
    SystemContext desk = InterlockFixtures.machine("usb-card-reader.json", "259:1");
    Discovery discovery = new Discovery(DeviceFilters.standard(), InterlockFixtures.SYSFS);
    assertThat(discovery.sticks(desk, Allowlist.none())).isEmpty();
    assertThat(discovery.scan(desk, Allowlist.none())).extracting(c -> c.refusal().orElseThrow().filter())
        .containsExactly("HasMedium", "NotMounted", "NotSystemDisk");
  }

  @Test
  void aUsbDiskNeitherRemovableNorHotPluggableIsRefusedUnlessAllowListed() {
    SystemContext kiosk = InterlockFixtures.machine("kiosk-internal-usb-and-mounted-sata.json", "259:1");
    assertThatThrownBy(() -> on(kiosk).admit("/dev/sde", Allowlist.none()))
        .hasMessage("refusing /dev/sde: /dev/sde is neither removable nor hot-pluggable; admit it with --allow-device");
    assertThat(on(kiosk).admit("/dev/sde", Allowlist.of(List.of("/dev/sde"))).verdicts())
        .anySatisfy(v -> assertThat(v.reason()).isEqualTo("/dev/sde is allow-listed"));
  }

  @Test
  void anAllowListedDiskIsStillRefusedWhileSomeoneHasItMounted() {
    SystemContext kiosk = InterlockFixtures.machine("kiosk-internal-usb-and-mounted-sata.json", "259:1");
    assertThatThrownBy(() -> on(kiosk).admit("/dev/sdf", Allowlist.of(List.of("/dev/sdf"))))
        .hasMessage("refusing /dev/sdf: /dev/sdf1 is mounted at /mnt/backup; unmount it first");
  }

  /** Every disk of every fixture, with nothing allow-listed: what is admitted, and the first reason for the rest. */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0} {2}: {3}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "laptop-with-usb-stick.json  | 259:2 | /dev/sda     | admitted",
      "laptop-with-usb-stick.json  | 259:2 | /dev/nvme0n1 | NotSystemDisk: /dev/nvme0n1 is the root disk (/dev/nvme0n1p2 holds /)",
      "nvme-root.json              | 254:0 | /dev/nvme0n1 | NotSystemDisk: /dev/nvme0n1 is the root disk (/dev/mapper/vg0-root holds /)",
      "nvme-root.json              | 254:0 | /dev/nvme1n1 | UsbTransport: /dev/nvme1n1 has transport nvme, not usb; admit it with --allow-device",
      "sata-disk.json              | 8:2   | /dev/sda     | NotSystemDisk: /dev/sda is the root disk (/dev/sda2 holds /)",
      "sata-disk.json              | 8:2   | /dev/sdb     | UsbTransport: /dev/sdb has transport sata, not usb; admit it with --allow-device",
      "usb-card-reader.json        | 259:1 | /dev/sdc     | HasMedium: /dev/sdc has no medium (size 0)",
      "usb-card-reader.json        | 259:1 | /dev/sdd     | NotMounted: /dev/sdd1 is mounted at /media/tech/CARD; unmount it first",
      "usb-hard-disk.json          | 259:1 | /dev/sde     | admitted",
      "kiosk-internal-usb-and-mounted-sata.json | 259:1 | /dev/sde | Removable: /dev/sde is neither removable nor hot-pluggable; admit it with --allow-device",
      "kiosk-internal-usb-and-mounted-sata.json | 259:1 | /dev/sdf | UsbTransport: /dev/sdf has transport sata, not usb; admit it with --allow-device",
  })
  void eachDiskOfEachFixtureIsAdmittedOrRefusedWithItsReason(String fixture, String root, String disk, String expected) {
    SystemContext machine = InterlockFixtures.machine(fixture, root);
    var candidate = new Discovery(DeviceFilters.standard(), InterlockFixtures.SYSFS).scan(machine, Allowlist.none()).stream()
        .filter(c -> c.stick().device().equals(disk)).findFirst().orElseThrow();
    String verdict = candidate.refusal().map(r -> r.filter() + ": " + r.reason()).orElse("admitted");
    assertThat(verdict).isEqualTo(expected);
  }
}
