package io.rescuefleet.station.release;

import io.rescuefleet.api.v1alpha1.PartitionStyle;
import io.rescuefleet.station.observe.EfiRegionState.BootArea;

/**
 * What the planner needs to know about an available Ventoy release: its version, the size of its core
 * image, and the boot-area digests a stick carries once the release is installed, per table style.
 */
public record ReleaseInfo(String version, String directory, long coreBytes, BootArea mbrStyle, BootArea gptStyle) {
  /** MBR sticks get the core image right after sector 0, up to the data partition. */
  public static final long MBR_CORE_SECTOR = 1;
  /** GPT sticks get it after the primary GPT (sectors 1..33), as Ventoy does. */
  public static final long GPT_CORE_SECTOR = 34;
  /** Sectors before the data partition at 2048. */
  public static final long DATA_START_SECTOR = 2048;

  public BootArea bootArea(PartitionStyle style) {
    return style == PartitionStyle.GPT ? gptStyle : mbrStyle;
  }

  public static long coreSector(PartitionStyle style) {
    return style == PartitionStyle.GPT ? GPT_CORE_SECTOR : MBR_CORE_SECTOR;
  }

  /** True when the core image fits between its start and the data partition for this style. */
  public boolean coreFits(PartitionStyle style) {
    return coreBytes <= (DATA_START_SECTOR - coreSector(style)) * 512;
  }
}
