package io.rescuefleet.station.connected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescuefleet.station.discovery.Allowlist;
import io.rescuefleet.station.discovery.DeviceFilters;
import io.rescuefleet.station.discovery.Discovery;
import io.rescuefleet.station.discovery.InterlockFixtures;
import io.rescuefleet.station.discovery.SystemContext;
import io.rescuefleet.station.interlock.DeviceRefusedException;
import io.rescuefleet.station.interlock.SafetyInterlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A connected station admits a non-USB device only when both its station.yaml and its ImagingStation allow it. */
class StationAllowlistTest {
  private static final SystemContext SERVER = InterlockFixtures.machine("sata-disk.json", "8:2");
  private static final SystemContext LAPTOP = InterlockFixtures.machine("laptop-with-usb-stick.json", "259:2");

  @Test
  void beforeTheOperatorAnswersNothingButUsbIsAdmitted() {
    StationAllowlist allowlist = new StationAllowlist(List.of("/dev/sdb"));

    assertThat(allowlist.effective().devices()).isEmpty();
    assertThatThrownBy(() -> interlock(SERVER).admit("/dev/sdb", allowlist.effective()))
        .isInstanceOf(DeviceRefusedException.class).hasMessageContaining("not usb");
  }

  @Test
  void aDeviceBothListsAllowIsAdmitted() {
    StationAllowlist allowlist = new StationAllowlist(List.of("/dev/sdb", "/dev/sdc"));
    allowlist.clusterAllows(List.of("/dev/sdb", "/dev/sdx"));

    assertThat(allowlist.effective().devices()).containsExactly("/dev/sdb");
    assertThat(interlock(SERVER).admit("/dev/sdb", allowlist.effective()).verdicts())
        .anySatisfy(v -> assertThat(v.reason()).isEqualTo("/dev/sdb is allow-listed"));
    assertThat(new Discovery(DeviceFilters.standard(), InterlockFixtures.SYSFS).sticks(SERVER, allowlist.effective()))
        .extracting(s -> s.device()).containsExactly("/dev/sdb");
  }

  @Test
  void theClusterCanOnlyNarrowTheHostsList() {
    StationAllowlist onlyTheCluster = new StationAllowlist(List.of());
    onlyTheCluster.clusterAllows(List.of("/dev/sdb"));
    StationAllowlist onlyTheHost = new StationAllowlist(List.of("/dev/sdb"));
    onlyTheHost.clusterAllows(List.of());

    for (StationAllowlist one : List.of(onlyTheCluster, onlyTheHost)) {
      assertThat(one.effective().devices()).isEmpty();
      assertThatThrownBy(() -> interlock(SERVER).admit("/dev/sdb", one.effective())).hasMessageContaining("not usb");
    }
  }

  @Test
  void theClustersListFollowsEveryAnswerAndAMissingOneAllowsNothing() {
    StationAllowlist allowlist = new StationAllowlist(List.of("/dev/sdb"));
    allowlist.clusterAllows(List.of("/dev/sdb"));
    assertThat(allowlist.effective().devices()).containsExactly("/dev/sdb");

    allowlist.clusterAllows(null);

    assertThat(allowlist.effective().devices()).isEmpty();
  }

  @Test
  void theRootDiskIsNeverAdmittedThoughBothListIt() {
    StationAllowlist allowlist = new StationAllowlist(List.of("/dev/nvme0n1"));
    allowlist.clusterAllows(List.of("/dev/nvme0n1"));

    assertThatThrownBy(() -> interlock(LAPTOP).admit("/dev/nvme0n1", allowlist.effective()))
        .hasMessageContaining("is the root disk");
  }

  @Test
  void twoNamesOfOneExistingDeviceMeetOnItsRealPath(@TempDir Path dir) throws IOException {
    Path device = Files.createFile(dir.resolve("sdb"));
    Path byId = Files.createSymbolicLink(dir.resolve("usb-Vendor_Disk_1234"), device);

    Allowlist both = Allowlist.of(List.of(byId.toString())).intersection(Allowlist.of(List.of(device.toString())));

    assertThat(both.devices()).containsExactly(device.toRealPath().toString());
  }

  private static SafetyInterlock interlock(SystemContext machine) {
    return new SafetyInterlock(new Discovery(DeviceFilters.standard(), InterlockFixtures.SYSFS), () -> machine);
  }
}
