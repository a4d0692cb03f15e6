package io.rescuefleet.station.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LsblkParserTest {

  @Test
  void readsTheFieldsTheInterlockNeeds() {
    BlockDeviceInfo stick = InterlockFixtures.devices("laptop-with-usb-stick.json").get(0);
    assertThat(stick.path()).isEqualTo("/dev/sda");
    assertThat(stick.type()).isEqualTo("disk");
    assertThat(stick.transport()).isEqualTo("usb");
    assertThat(stick.removable()).isTrue();
    assertThat(stick.hotplug()).isTrue();
    assertThat(stick.readOnly()).isFalse();
    assertThat(stick.serial()).isEqualTo("E0D55EA573F1F6B0A9420F21");
    assertThat(stick.vendor()).isEqualTo("Kingston");
    assertThat(stick.model()).isEqualTo("DataTraveler 3.0");
    assertThat(stick.sizeBytes()).isEqualTo(15479597056L);
    assertThat(stick.children()).extracting(BlockDeviceInfo::name).containsExactly("sda1");
    assertThat(stick.children().get(0).mountpoints()).isEmpty();
  }

  @Test
  void collectsEveryMountPointOfDevicesMountedSeveralTimes() {
    BlockDeviceInfo root = InterlockFixtures.devices("usb-hard-disk.json").get(1).children().get(0);
    assertThat(root.mountpoints()).containsExactly("/", "/home", "/var/log");
  }

  @Test
  void walksDeviceMapperHoldersAsPartOfTheDisk() {
    BlockDeviceInfo nvme = InterlockFixtures.devices("nvme-root.json").get(0);
    assertThat(nvme.subtree()).extracting(BlockDeviceInfo::name)
        .containsExactly("nvme0n1", "nvme0n1p1", "nvme0n1p2", "nvme0n1p3", "vg0-root", "vg0-swap", "vg0-home");
  }

  @Test
  void acceptsOlderLsblkWithStringBooleansAndASingleMountpoint() {
    List<BlockDeviceInfo> devices = LsblkParser.parse("""
        {"blockdevices": [{"name": "sdb", "kname": "sdb", "path": "/dev/sdb", "type": "disk", "tran": "usb",
          "rm": "1", "hotplug": "1", "ro": "0", "size": "8053063680", "serial": "  AA11  ",
          "mountpoint": "/media/x"}]}
        """);
    assertThat(devices).singleElement().satisfies(d -> {
      assertThat(d.removable()).isTrue();
      assertThat(d.readOnly()).isFalse();
      assertThat(d.sizeBytes()).isEqualTo(8053063680L);
      assertThat(d.serial()).isEqualTo("AA11");
      assertThat(d.mountpoints()).containsExactly("/media/x");
    });
  }

  @Test
  void refusesHumanReadableSizesWithAHint() {
    assertThatThrownBy(() -> LsblkParser.parse("{\"blockdevices\": [{\"name\": \"sda\", \"size\": \"14.4G\"}]}"))
        .hasMessageContaining("run lsblk with -b");
  }

  @Test
  void refusesWhatIsNotLsblkJson() {
    assertThatThrownBy(() -> LsblkParser.parse("lsblk: unknown column")).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> LsblkParser.parse("{}")).hasMessageContaining("no blockdevices");
  }
}
