package io.rescuefleet.station.layout;

/** The partition types, names and flags Ventoy gives its two partitions. */
public final class VentoyPartitionTypes {
  /** GPT "Microsoft basic data": what Windows and Ventoy expect for an exFAT or NTFS data partition. */
  public static final String GPT_DATA = "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7";
  /** GPT "EFI System". */
  public static final String GPT_EFI = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";
  /** Ventoy marks VTOYEFI read-only (60) and without drive letter (63), so Windows leaves it alone. */
  public static final String GPT_EFI_ATTRS = "GUID:60,63";
  public static final String GPT_DATA_NAME = "Ventoy";
  public static final String GPT_EFI_NAME = "VTOYEFI";
  /** MBR type 0x07 (exFAT/NTFS), marked bootable. */
  public static final String MBR_DATA = "7";
  /** MBR type 0xEF (EFI System). */
  public static final String MBR_EFI = "ef";

  private VentoyPartitionTypes() {}
}
