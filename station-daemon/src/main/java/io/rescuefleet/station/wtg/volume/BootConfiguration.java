package io.rescuefleet.station.wtg.volume;

/** Whether RescueFleet made the Windows To Go system bootable (EFI boot files and a BCD store). */
public enum BootConfiguration {
  /** Boot files copied and a BCD store built from the image's template. */
  Generated,
  /** The image lacks what bcdboot needs; the volume holds Windows but nothing boots it. */
  NotGenerated
}
