package io.rescuefleet.station.wtg.bcd;

/** The BCD object ids, object types and element types bcdboot writes (as named by bcdedit). */
public final class BcdElements {
  /** {bootmgr}: the Windows Boot Manager. */
  public static final String BOOTMGR = "{9dea862c-5cdd-4e70-acc1-f32b344d4795}";
  /** {memdiag}: the Windows Memory Diagnostic. */
  public static final String MEMDIAG = "{b2721d73-1db4-4c62-bf78-c548a880142d}";
  /** {bootloadersettings}: settings every Windows loader inherits. */
  public static final String BOOTLOADER_SETTINGS = "{6efb52bf-1766-41db-a6b3-0ee5eff72bd7}";

  /** Object type of the boot manager. */
  public static final long TYPE_BOOT_MANAGER = 0x10100002L;
  /** Object type of a Windows boot loader (winload). */
  public static final long TYPE_OS_LOADER = 0x10200003L;

  public static final String DEVICE = "11000001";
  public static final String PATH = "12000002";
  public static final String DESCRIPTION = "12000004";
  public static final String LOCALE = "12000005";
  public static final String INHERIT = "14000006";
  public static final String OS_DEVICE = "21000001";
  public static final String SYSTEM_ROOT = "22000002";
  public static final String DEFAULT_OBJECT = "23000003";
  public static final String DISPLAY_ORDER = "24000001";

  /** The value name every element key holds. */
  public static final String ELEMENT = "Element";

  private BcdElements() {}
}
