package io.rescuefleet.station.wtg.bcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BcdScriptTest {
  private static final BcdObject MANAGER = new BcdObject(BcdElements.BOOTMGR, BcdElements.TYPE_BOOT_MANAGER,
      Map.of(BcdElements.PATH, new BcdValue.Text("\\EFI\\Microsoft\\Boot\\bootmgfw.efi")));

  @Test
  void addsEveryKeyAStoreLacks() {
    String script = BcdScript.render(new StoreState(false, Map.of()), List.of(MANAGER));

    assertThat(script).isEqualTo(String.join("\n",
        "cd \\", "add Objects",
        "cd \\Objects", "add {9dea862c-5cdd-4e70-acc1-f32b344d4795}",
        "cd \\Objects\\{9dea862c-5cdd-4e70-acc1-f32b344d4795}", "add Description",
        "cd \\Objects\\{9dea862c-5cdd-4e70-acc1-f32b344d4795}\\Description",
        "setval 1", "Type", "dword:0x10100002",
        "cd \\Objects\\{9dea862c-5cdd-4e70-acc1-f32b344d4795}", "add Elements",
        "cd \\Objects\\{9dea862c-5cdd-4e70-acc1-f32b344d4795}\\Elements", "add 12000002",
        "cd \\Objects\\{9dea862c-5cdd-4e70-acc1-f32b344d4795}\\Elements\\12000002",
        "setval 1", "Element", "string:\\EFI\\Microsoft\\Boot\\bootmgfw.efi",
        "commit", ""));
  }

  @Test
  void onlySetsValuesWhereTheKeysExistUnderTheStoresSpelling() {
    StoreState template = new StoreState(true, Map.of(BcdElements.BOOTMGR, new StoreState.ObjectKeys(
        "{9DEA862C-5CDD-4E70-ACC1-F32B344D4795}", true, true, Set.of("12000002"))));

    String script = BcdScript.render(template, List.of(MANAGER));

    assertThat(script).doesNotContain("add ").contains("cd \\Objects\\{9DEA862C-5CDD-4E70-ACC1-F32B344D4795}\\Elements\\12000002\n");
  }

  @Test
  void rendersEachValueTypeAsBcdStoresIt() {
    assertThat(new BcdValue.ObjectList(List.of("{a}")).hivexsh()).isEqualTo("hex:7:7b,00,61,00,7d,00,00,00,00,00");
    assertThat(new BcdValue.Integer64(30).hivexsh()).isEqualTo("hex:3:1e,00,00,00,00,00,00,00");
    assertThat(new BcdValue.Text("\\Windows").hivexsh()).isEqualTo("string:\\Windows");
    assertThat(new BcdValue.Dword(0x10200003L).hivexsh()).isEqualTo("dword:0x10200003");
  }
}
