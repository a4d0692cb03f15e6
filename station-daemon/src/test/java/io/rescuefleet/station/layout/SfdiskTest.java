package io.rescuefleet.station.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.PartitionStyle;
import java.util.List;
import org.junit.jupiter.api.Test;

/** sfdisk's JSON as this machine's sfdisk 2.38 prints it, and the scripts fed to it. */
class SfdiskTest {
  /** {@code sfdisk -J} of a 256 MiB loop device after RescueFleet's GPT script. */
  static final String GPT = """
      {
         "partitiontable": {
            "label": "gpt",
            "id": "547D8F86-3BF1-FB4A-9CC1-D6E99D80059C",
            "device": "/dev/loop0",
            "unit": "sectors",
            "firstlba": 2048,
            "lastlba": 524254,
            "sectorsize": 512,
            "partitions": [
               {
                  "node": "/dev/loop0p1",
                  "start": 2048,
                  "size": 456664,
                  "type": "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7",
                  "uuid": "3A334EB2-8C5F-CC41-9A01-AC88DDC9F8CF",
                  "name": "Ventoy"
               },{
                  "node": "/dev/loop0p2",
                  "start": 458712,
                  "size": 65536,
                  "type": "C12A7328-F81F-11D2-BA4B-00A0C93EC93B",
                  "uuid": "8BBB8126-B88F-5243-8B45-AE5A5022A866",
                  "name": "VTOYEFI",
                  "attrs": "GUID:60,63"
               }
            ]
         }
      }
      """;

  /** The same device after the MBR script. */
  static final String DOS = """
      {
         "partitiontable": {
            "label": "dos",
            "id": "0x31ebcd7a",
            "device": "/dev/loop0",
            "unit": "sectors",
            "sectorsize": 512,
            "partitions": [
               {
                  "node": "/dev/loop0p1",
                  "start": 2048,
                  "size": 456704,
                  "type": "7",
                  "bootable": true
               },{
                  "node": "/dev/loop0p2",
                  "start": 458752,
                  "size": 65536,
                  "type": "ef"
               }
            ]
         }
      }
      """;

  private static final long SECTORS = 524_288;

  @Test
  void readsGptTables() {
    PartitionTable t = SfdiskParser.parse(GPT);
    assertThat(t.label()).isEqualTo("gpt");
    assertThat(t.partitions()).extracting(PartitionEntry::number).containsExactly(1, 2);
    assertThat(t.partition(2).orElseThrow().attrs()).isEqualTo("GUID:60,63");
    assertThat(t.partition(2).orElseThrow().name()).isEqualTo("VTOYEFI");
  }

  @Test
  void aTableWrittenFromTheScriptMatchesTheLayout() {
    assertThat(LayoutCheck.check(SfdiskParser.parse(GPT), DesiredLayout.compute(SECTORS, PartitionStyle.GPT, 0)).matches())
        .isTrue();
    assertThat(LayoutCheck.check(SfdiskParser.parse(DOS), DesiredLayout.compute(SECTORS, PartitionStyle.MBR, 0)).matches())
        .isTrue();
  }

  @Test
  void sayWhatIsWrongWithATable() {
    LayoutCheck.Verdict v = LayoutCheck.check(SfdiskParser.parse(DOS), DesiredLayout.compute(SECTORS, PartitionStyle.GPT, 0));
    assertThat(v.matches()).isFalse();
    assertThat(v.differences()).containsExactly("partition table is dos, expected gpt");

    String unbootable = DOS.replace("\"bootable\": true", "\"bootable\": false");
    v = LayoutCheck.check(SfdiskParser.parse(unbootable), DesiredLayout.compute(SECTORS, PartitionStyle.MBR, 0));
    assertThat(v.regionsMatch()).isTrue();
    assertThat(v.differences()).containsExactly("partition 1 is not marked bootable");

    v = LayoutCheck.check(SfdiskParser.parse(GPT), DesiredLayout.compute(SECTORS, PartitionStyle.GPT, 64));
    assertThat(v.regionsMatch()).isFalse();
    assertThat(v.differences()).first().asString().startsWith("partition 1 (data) is at sectors 2048+456664, expected");

    assertThat(LayoutCheck.check(PartitionTable.none(), DesiredLayout.compute(SECTORS, PartitionStyle.GPT, 0)).differences())
        .containsExactly("no partition table");
  }

  @Test
  void partitionsInTheReservedSpaceAreKeptAndOthersAreNot() {
    DesiredLayout layout = DesiredLayout.compute(SECTORS, PartitionStyle.GPT, 64);
    PartitionEntry wtg = new PartitionEntry(3, layout.reserved().startSector(), 64 * 2048, "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7",
        null, "WTG", false, null);
    PartitionTable table = new PartitionTable("gpt", "ID", 512, List.of(
        new PartitionEntry(1, 2048, layout.data().sectors(), VentoyPartitionTypes.GPT_DATA, null, "Ventoy", false, null),
        new PartitionEntry(2, layout.efi().startSector(), 65536, VentoyPartitionTypes.GPT_EFI, null, "VTOYEFI", false,
            "GUID:60,63"), wtg));
    LayoutCheck.Verdict v = LayoutCheck.check(table, layout);
    assertThat(v.matches()).isTrue();
    assertThat(v.keep()).containsExactly(wtg);
    assertThat(SfdiskScript.render(layout, "ID", v.keep())).contains("start=" + wtg.start() + ", size=131072, type=EBD0A0A2");
  }

  @Test
  void scriptsSayWhatVentoyMakes() {
    assertThat(SfdiskScript.render(DesiredLayout.compute(SECTORS, PartitionStyle.GPT, 0), null, List.of())).isEqualTo("""
        label: gpt
        unit: sectors

        start=2048, size=456664, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7, name="Ventoy"
        start=458712, size=65536, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="VTOYEFI", attrs="GUID:60,63"
        """);
    assertThat(SfdiskScript.render(DesiredLayout.compute(SECTORS, PartitionStyle.MBR, 0), "0x31ebcd7a", List.of()))
        .isEqualTo("""
            label: dos
            label-id: 0x31ebcd7a
            unit: sectors

            start=2048, size=456704, type=7, bootable
            start=458752, size=65536, type=ef
            """);
  }
}
