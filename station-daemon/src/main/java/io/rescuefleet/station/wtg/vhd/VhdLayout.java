package io.rescuefleet.station.wtg.vhd;

/**
 * How RescueFleet lays out a Windows To Go VHD: an MBR disk of {@code sizeMiB} with one bootable NTFS
 * partition from sector 2048 to the end (MBR rather than GPT: Ventoy's vhdboot and Windows' native
 * VHD boot take both, and an MBR disk needs no backup table inside the file), then the footer.
 */
public final class VhdLayout {
  /** Where the Windows partition starts inside the VHD, 1 MiB in like every modern partitioner. */
  public static final long PARTITION_START = 2048;
  /** MBR type 0x07: NTFS. */
  public static final String PARTITION_TYPE = "7";

  private VhdLayout() {}

  /** The VHD's disk size: the profile's size. */
  public static long diskBytes(long sizeMiB) {
    return sizeMiB << 20;
  }

  /** The file's size: the disk and its footer. */
  public static long fileBytes(long sizeMiB) {
    return diskBytes(sizeMiB) + VhdFooter.LENGTH;
  }

  /** The sfdisk script of the VHD's partition table. */
  public static String sfdiskScript(long diskSignature) {
    return String.format("label: dos%nlabel-id: 0x%08x%nunit: sectors%n%nstart=%d, type=%s, bootable%n",
        diskSignature & 0xFFFFFFFFL, PARTITION_START, PARTITION_TYPE);
  }
}
