package io.rescuefleet.station.layout;

import io.rescuefleet.api.v1alpha1.PartitionStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares a disk's partition table with the layout it should have. Pure. Partitions after VTOYEFI
 * that lie inside the reserved space belong to Windows To Go and are neither errors nor touched.
 */
public final class LayoutCheck {
  private LayoutCheck() {}

  /** The comparison: every difference in words, and the partitions a rewrite must keep. */
  public record Verdict(boolean matches, boolean regionsMatch, List<String> differences, List<PartitionEntry> keep) {
    public Verdict {
      differences = List.copyOf(differences);
      keep = List.copyOf(keep);
    }
  }

  public static Verdict check(PartitionTable table, DesiredLayout desired) {
    List<String> diff = new ArrayList<>();
    List<PartitionEntry> keep = new ArrayList<>();
    if (!table.present()) {
      return new Verdict(false, false, List.of("no partition table"), List.of());
    }
    boolean gpt = desired.style() == PartitionStyle.GPT;
    String wantLabel = gpt ? PartitionTable.GPT : PartitionTable.DOS;
    if (!wantLabel.equals(table.label())) {
      return new Verdict(false, false, List.of("partition table is " + table.label() + ", expected " + wantLabel), List.of());
    }
    boolean regions = true;
    PartitionEntry data = table.partition(1).orElse(null);
    PartitionEntry efi = table.partition(2).orElse(null);
    regions &= region("partition 1 (data)", data, desired.data(), diff);
    regions &= region("partition 2 (VTOYEFI)", efi, desired.efi(), diff);
    if (data != null && efi != null) {
      if (gpt) {
        attribute("partition 1 type", data.type(), VentoyPartitionTypes.GPT_DATA, diff);
        attribute("partition 1 name", data.name(), VentoyPartitionTypes.GPT_DATA_NAME, diff);
        attribute("partition 2 type", efi.type(), VentoyPartitionTypes.GPT_EFI, diff);
        attribute("partition 2 name", efi.name(), VentoyPartitionTypes.GPT_EFI_NAME, diff);
        attribute("partition 2 attributes", efi.attrs(), VentoyPartitionTypes.GPT_EFI_ATTRS, diff);
      } else {
        attribute("partition 1 type", data.type(), VentoyPartitionTypes.MBR_DATA, diff);
        attribute("partition 2 type", efi.type(), VentoyPartitionTypes.MBR_EFI, diff);
        if (!data.bootable()) {
          diff.add("partition 1 is not marked bootable");
        }
        if (efi.bootable()) {
          diff.add("partition 2 is marked bootable");
        }
      }
    }
    for (PartitionEntry p : table.partitions()) {
      if (p.number() <= 2) {
        continue;
      }
      if (desired.reserved().contains(p.region())) {
        keep.add(p);
      } else {
        regions = false;
        diff.add("partition " + p.number() + " (" + p.region() + ") is outside the reserved space");
      }
    }
    return new Verdict(diff.isEmpty(), regions, diff, keep);
  }

  private static boolean region(String what, PartitionEntry actual, Region expected, List<String> diff) {
    if (actual == null) {
      diff.add(what + " is missing");
      return false;
    }
    if (actual.start() != expected.startSector() || actual.size() != expected.sectors()) {
      diff.add(what + " is at " + actual.region() + ", expected " + expected);
      return false;
    }
    return true;
  }

  private static void attribute(String what, String actual, String expected, List<String> diff) {
    if (!Objects.equals(normalise(actual), normalise(expected))) {
      diff.add(what + " is " + (actual == null ? "unset" : actual) + ", expected " + expected);
    }
  }

  private static String normalise(String s) {
    return s == null ? null : s.toUpperCase(java.util.Locale.ROOT);
  }
}
