package io.rescuefleet.station.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.resolve.DriveAssignment.ResolvedUnattend;
import io.rescuefleet.api.resolve.DriveAssignment.ResolvedWtg;
import io.rescuefleet.api.v1alpha1.SanPolicy;
import io.rescuefleet.api.v1alpha1.WtgTarget;
import io.rescuefleet.station.layout.Region;
import io.rescuefleet.station.manifest.ManifestRead;
import io.rescuefleet.station.observe.ObservedWtg;
import io.rescuefleet.station.observe.VolumeState;
import io.rescuefleet.station.observe.WtgVolumeState;
import io.rescuefleet.station.wtg.VentoyMenu;
import io.rescuefleet.station.wtg.volume.BootConfiguration;
import io.rescuefleet.station.wtg.volume.MarkerRead;
import io.rescuefleet.station.wtg.volume.WtgMarker;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Ventoy's user menu, case by case: the profile, the Windows To Go found, the menu found, what to do. */
class VentoyMenuPlannerTest {
  private static final String UUID = "1A2B3C4D5E6F7081";
  private static final Region SLOT = new Region(1 << 20, 1024 * 2048);

  private static ResolvedWtg profile(WtgTarget target) {
    return new ResolvedWtg("win11-wtg", "https://example.org/install.wim", "a".repeat(64), 5000L, 1, null, target, 1024,
        target == WtgTarget.VhdFile ? "wtg/win11.vhd" : null,
        new ResolvedUnattend("WTG-{serial}", true, true, SanPolicy.OfflineInternal), null);
  }

  private static final ResolvedWtg PARTITION = profile(WtgTarget.Partition);
  private static final ResolvedWtg VHD = profile(WtgTarget.VhdFile);
  private static final String OURS = VentoyMenu.render("win11-wtg", UUID);

  private static WtgMarker marker(String profile, String target, BootConfiguration boot) {
    return new WtgMarker(1, "id", profile, target, "a".repeat(64), 1, "Windows 11 Pro", null, "amd64", "u".repeat(64), boot,
        boot == BootConfiguration.NotGenerated ? "no template" : null, null, "2026-01-01T00:00:00Z", List.of(), List.of(),
        List.of());
  }

  private static ObservedWtg applied(BootConfiguration boot, String uuid) {
    return new ObservedWtg(List.of(), null, List.of(new WtgVolumeState(WtgTarget.Partition, 3, SLOT, null, SLOT.sizeBytes(),
        null, null, new MarkerRead.Valid(marker("win11-wtg", "Partition", boot)), null, uuid)), "S1", true, null, true);
  }

  private static final ObservedWtg BOOTABLE = applied(BootConfiguration.Generated, UUID);
  private static final ObservedWtg UNBOOTABLE = applied(BootConfiguration.NotGenerated, UUID);
  private static final ObservedWtg INCOMPLETE = new ObservedWtg(List.of(), null, List.of(new WtgVolumeState(
      WtgTarget.Partition, 3, SLOT, null, SLOT.sizeBytes(), null, null, new MarkerRead.Absent(), null, UUID)), "S1", true,
      null, true);
  private static final ObservedWtg VHD_APPLIED = new ObservedWtg(List.of(), null, List.of(new WtgVolumeState(
      WtgTarget.VhdFile, 0, null, "wtg/win11.vhd", 1L << 30, null, null,
      new MarkerRead.Valid(marker("win11-wtg", "VhdFile", BootConfiguration.Generated)), null)), "S1", true, null, true);

  private static VolumeState data(String menu) {
    return new VolumeState(null, List.of(), new ManifestRead.Absent(), null, null, menu, List.of(), 1L << 30, 1L << 30);
  }

  static Stream<Arguments> cases() {
    String edited = OURS.replace("sleep 5", "sleep 50");
    String theirs = "menuentry \"My own\" {\n  echo hi\n}\n";
    return Stream.of(
        Arguments.of("no profile, no menu: nothing", null, ObservedWtg.empty(), null, false, "none"),
        Arguments.of("no profile, our menu: removed", null, ObservedWtg.empty(), OURS, false, "RemoveVentoyMenu"),
        Arguments.of("no profile, a menu of the user's: left alone", null, ObservedWtg.empty(), theirs, false, "none"),
        Arguments.of("bootable partition, no menu: written", PARTITION, BOOTABLE, null, false, "WriteVentoyMenu missing"),
        Arguments.of("bootable partition, the menu as generated: nothing", PARTITION, BOOTABLE, OURS, false, "none"),
        Arguments.of("bootable partition, our menu edited: restored", PARTITION, BOOTABLE, edited, false,
            "WriteVentoyMenu differs from the Windows To Go on the stick; restoring"),
        Arguments.of("bootable partition re-applied elsewhere (new UUID): rewritten", PARTITION,
            applied(BootConfiguration.Generated, "0011223344556677"), OURS, false,
            "WriteVentoyMenu differs from the Windows To Go on the stick; restoring"),
        Arguments.of("bootable partition, a menu of the user's: taken over", PARTITION, BOOTABLE, theirs, false,
            "WriteVentoyMenu a menu RescueFleet did not write; the Windows To Go partition takes it over"),
        Arguments.of("no boot configuration: no entry, ours removed", PARTITION, UNBOOTABLE, OURS, false, "RemoveVentoyMenu"),
        Arguments.of("no boot configuration, no menu: nothing", PARTITION, UNBOOTABLE, null, false, "none"),
        Arguments.of("an incomplete apply offers nothing", PARTITION, INCOMPLETE, null, false, "none"),
        Arguments.of("a VHD boots through vhdboot, not the menu", VHD, VHD_APPLIED, null, false, "none"),
        Arguments.of("the Windows To Go changes in this plan: the menu waits for the result", PARTITION, BOOTABLE, null, true,
            "none"),
        Arguments.of("another profile's system is not offered", new ResolvedWtg("other", PARTITION.imageUrl(),
            PARTITION.imageSha256(), 5000L, 1, null, WtgTarget.Partition, 1024, null, PARTITION.unattend(), null), BOOTABLE,
            OURS, false, "RemoveVentoyMenu"),
        Arguments.of("an unreadable UUID: not offered, with a note", PARTITION, applied(BootConfiguration.Generated, null),
            null, false, "none " + VentoyMenuPlanner.UNAVAILABLE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void plans(String name, ResolvedWtg desired, ObservedWtg observed, String menu, boolean changing, String expected) {
    VentoyMenuPlanner.Outcome out = new VentoyMenuPlanner().plan(desired, observed, data(menu), false, changing);
    String step = out.action().map(a -> a instanceof WriteVentoyMenu w ? "WriteVentoyMenu " + w.why() : a.type())
        .orElse("none");
    String notes = out.notes().stream().map(PlanNote::reason).reduce("", (x, y) -> x + " " + y);
    assertThat(step + notes).isEqualTo(expected);
    out.action().filter(WriteVentoyMenu.class::isInstance).map(WriteVentoyMenu.class::cast)
        .ifPresent(w -> assertThat(w.content()).isEqualTo(VentoyMenu.render("win11-wtg",
            observed.volumes().get(0).fsUuid())));
  }
}
