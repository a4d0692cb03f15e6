package io.rescuefleet.station.wtg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The generated Ventoy user menu: one UEFI entry that finds the Windows To Go volume and chainloads its boot manager. */
class VentoyMenuTest {
  @Test
  void findsTheVolumeByItsNtfsUuidAsGrubPrintsItAndChainloadsTheBootManager() {
    String menu = VentoyMenu.render("win11-wtg", "1A2B3C4D5E6F7081");
    assertThat(menu).startsWith(VentoyMenu.HEADER);
    assertThat(menu).contains(
        "menuentry \"Windows To Go (win11-wtg)\" --class=windows {",
        "if [ \"${grub_platform}\" != \"efi\" ]; then",
        "elif search --no-floppy --fs-uuid --set=rescuefleet_wtg 1a2b3c4d5e6f7081; then",
        "chainloader (${rescuefleet_wtg})/EFI/Microsoft/Boot/bootmgfw.efi",
        "menuentry '<-- Return to previous menu [Esc]' --class=vtoyret VTOY_RET {");
    assertThat(menu.chars().filter(c -> c == '{').count()).as("balanced braces")
        .isEqualTo(menu.chars().filter(c -> c == '}').count());
    assertThat(VentoyMenu.ours(menu)).isTrue();
    assertThat(VentoyMenu.ours("menuentry \"mine\" {}\n")).isFalse();
    assertThat(VentoyMenu.ours(null)).isFalse();
  }

  @Test
  void nothingButAnNtfsSerialAndAProfileNameGoesIntoTheScript() {
    assertThat(VentoyMenu.usableUuid("0011223344556677")).isTrue();
    assertThat(VentoyMenu.usableUuid("0011-2233")).isFalse();
    assertThat(VentoyMenu.usableUuid("00112233445566778")).isFalse();
    assertThatThrownBy(() -> VentoyMenu.render("win11-wtg", "x; reboot")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VentoyMenu.render("a\" { reboot", "0011223344556677"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
