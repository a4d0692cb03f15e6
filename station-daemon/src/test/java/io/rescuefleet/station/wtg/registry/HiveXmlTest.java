package io.rescuefleet.station.wtg.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescuefleet.station.wtg.bcd.BcdValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HiveXmlTest {
  /** The shape of hivexml's export, byte runs and all. */
  private static final String EXPORT = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<hive><node name=\"ROOT\" root=\"1\"><byte_runs><byte_run file_offset=\"4128\" len=\"84\"/></byte_runs>"
      + "<node name=\"Objects\"><node name=\"{a}\">"
      + "<value type=\"string\" key=\"S\" value=\"\\EFI\\x &quot;q&quot;\"><byte_runs/></value>"
      + "<value type=\"binary\" encoding=\"base64\" key=\"B\" value=\"AAH/\"/>"
      + "<value type=\"string-list\" key=\"M\"><string>{a}</string><string></string></value>"
      + "<value type=\"int32\" key=\"D\" value=\"270532611\"/>"
      + "</node></node></node></hive>";

  @Test
  void readsKeysAndValuesOfEveryTypeBcdUses() {
    HiveKey root = HiveXml.parse(EXPORT.getBytes(StandardCharsets.UTF_8));

    HiveKey object = root.at("\\objects\\{A}").orElseThrow();
    assertThat(object.value("S").orElseThrow().text()).isEqualTo("\\EFI\\x \"q\"");
    assertThat(object.value("B").orElseThrow().bytes()).containsExactly(0, 1, 0xff);
    assertThat(object.value("M").orElseThrow().listed()).containsExactly("{a}");
    assertThat(new BcdValue.ObjectList(List.of("{a}")).matches(object.value("M").orElseThrow())).isTrue();
    assertThat(new BcdValue.Dword(0x10200003L).matches(object.value("D").orElseThrow())).isTrue();
    assertThat(new BcdValue.Text("\\EFI\\x \"q\"").matches(object.value("S").orElseThrow())).isTrue();
    assertThat(root.at("\\Objects\\{b}")).isEmpty();
  }

  @Test
  void refusesWhatIsNotAnExport() {
    assertThatThrownBy(() -> HiveXml.parse("<html/>".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("one root key");
  }
}
