package io.rescuefleet.station.layout;

import io.rescuefleet.api.v1alpha1.PartitionStyle;
import java.util.List;

/**
 * The sfdisk input script that creates a Ventoy layout. Partitions that live in the reserved space
 * (a Windows To Go partition) are carried over unchanged.
 */
public final class SfdiskScript {
  private SfdiskScript() {}

  /**
   * @param labelId the disk identifier to keep (when rewriting a table of the same style), or null
   *     to let sfdisk make a new one
   * @param keep partitions in the reserved space to preserve, numbered from 3
   */
  public static String render(DesiredLayout layout, String labelId, List<PartitionEntry> keep) {
    StringBuilder s = new StringBuilder();
    boolean gpt = layout.style() == PartitionStyle.GPT;
    s.append("label: ").append(gpt ? "gpt" : "dos").append('\n');
    if (labelId != null) {
      s.append("label-id: ").append(labelId).append('\n');
    }
    s.append("unit: sectors\n\n");
    Region data = layout.data();
    Region efi = layout.efi();
    if (gpt) {
      s.append(String.format("start=%d, size=%d, type=%s, name=\"%s\"%n", data.startSector(), data.sectors(),
          VentoyPartitionTypes.GPT_DATA, VentoyPartitionTypes.GPT_DATA_NAME));
      s.append(String.format("start=%d, size=%d, type=%s, name=\"%s\", attrs=\"%s\"%n", efi.startSector(), efi.sectors(),
          VentoyPartitionTypes.GPT_EFI, VentoyPartitionTypes.GPT_EFI_NAME, VentoyPartitionTypes.GPT_EFI_ATTRS));
    } else {
      s.append(String.format("start=%d, size=%d, type=%s, bootable%n", data.startSector(), data.sectors(),
          VentoyPartitionTypes.MBR_DATA));
      s.append(String.format("start=%d, size=%d, type=%s%n", efi.startSector(), efi.sectors(), VentoyPartitionTypes.MBR_EFI));
    }
    for (PartitionEntry p : keep) {
      s.append(String.format("start=%d, size=%d, type=%s", p.start(), p.size(), p.type()));
      if (gpt && p.uuid() != null) {
        s.append(", uuid=").append(p.uuid());
      }
      if (gpt && p.name() != null) {
        s.append(", name=\"").append(p.name().replace("\"", "")).append('"');
      }
      if (gpt && p.attrs() != null) {
        s.append(", attrs=\"").append(p.attrs()).append('"');
      }
      s.append('\n');
    }
    return s.toString();
  }
}
