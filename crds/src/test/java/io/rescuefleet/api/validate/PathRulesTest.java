package io.rescuefleet.api.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathRulesTest {

  @ParameterizedTest(name = "accepts {0}")
  @ValueSource(strings = {
      "a.iso", "iso/linux/systemrescue-11.00-amd64.iso", ".hidden/x.iso", "..dots/x.iso", "a/..b", "wtg/win 11.vhd",
      "ventoy/theme/blur/theme.txt", "CONSOLE.iso", "iso/ñandú.iso"})
  void acceptsStorableRelativePaths(String path) {
    assertThat(PathRules.check(path)).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "/iso/a.iso          | relative",
      "iso/../a.iso        | normalised",
      "..                  | normalised",
      "./a.iso             | normalised",
      "iso//a.iso          | normalised",
      "iso/                | normalised",
      "iso/a.iso/.         | normalised",
      "iso/NUL             | reserved Windows device name",
      "iso/com1.txt        | reserved Windows device name",
      "iso/a:b.iso         | control characters or any of",
      "'iso/a\\b.iso'      | control characters or any of",
      "'iso/trailing. '    | ending in",
      "iso/dot.            | ending in",
      ".rescuefleet/x      | RescueFleet keeps",
      ".RescueFleet        | RescueFleet keeps",
      "ventoy/ventoy.json  | RescueFleet generates",
      "ventoy/Ventoy_Grub.cfg | RescueFleet generates",
  })
  void rejectsWithReason(String path, String reason) {
    assertThat(PathRules.check(path)).hasValueSatisfying(m -> assertThat(m).contains(reason));
  }

  @Test
  void rejectsNulOverlongAndEmpty() {
    assertThat(PathRules.check("iso/a\0.iso")).hasValue("must not contain NUL");
    assertThat(PathRules.check("a".repeat(256))).hasValueSatisfying(m -> assertThat(m).contains("255"));
    assertThat(PathRules.check(("abcdefghi/").repeat(110) + "x")).hasValueSatisfying(m -> assertThat(m).contains("1024"));
    assertThat(PathRules.check("")).hasValue("is required");
    assertThat(PathRules.check(null)).hasValue("is required");
  }
}
