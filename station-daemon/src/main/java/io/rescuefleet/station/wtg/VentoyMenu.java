package io.rescuefleet.station.wtg;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Ventoy's user menu ({@code /ventoy/ventoy_grub.cfg}, loaded by F6 through Ventoy's Menu Extension
 * plugin) with one entry that boots a Windows To Go partition: UEFI firmware cannot read the NTFS
 * volume that holds the EFI boot files and the BCD store, but Ventoy's GRUB can (its UEFI image has
 * ntfs, search and chain built in), so the entry finds the volume by its filesystem UUID and
 * chainloads Windows Boot Manager from it, as bcdboot's ESP would.
 */
public final class VentoyMenu {
  /** The first line of every menu RescueFleet writes: how a later pass knows the file is its own. */
  public static final String HEADER = "# Managed by RescueFleet";
  /** Where bcdboot puts the Windows Boot Manager for UEFI, on our Windows To Go volume. */
  public static final String BOOT_MANAGER = "/EFI/Microsoft/Boot/bootmgfw.efi";
  private static final Pattern NTFS_UUID = Pattern.compile("^[0-9A-Fa-f]{16}$");
  private static final Pattern PROFILE = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

  private VentoyMenu() {}

  /** Whether {@code uuid} is an NTFS volume serial as blkid prints it, so it can go into the menu. */
  public static boolean usableUuid(String uuid) {
    return uuid != null && NTFS_UUID.matcher(uuid).matches();
  }

  /** The menu title of a profile's entry, e.g. {@code Windows To Go (win11-wtg)}. */
  public static String title(String profile) {
    return "Windows To Go (" + profile + ")";
  }

  /**
   * The whole file. {@code uuid} is the NTFS serial in the form GRUB's ntfs driver reports it
   * (16 lowercase hex digits); the Return entry is the one Ventoy's documentation gives.
   */
  public static String render(String profile, String uuid) {
    if (!usableUuid(uuid) || profile == null || !PROFILE.matcher(profile).matches()) {
      throw new IllegalArgumentException("cannot name profile " + profile + " with NTFS UUID " + uuid + " in a GRUB menu");
    }
    String grubUuid = uuid.toLowerCase(Locale.ROOT);
    return HEADER + ": rewritten when it differs, removed when the drive has no bootable Windows To Go partition.\n"
        + "# Ventoy loads it with F6 (Menu Extension Plugin).\n"
        + "menuentry \"" + title(profile) + "\" --class=windows {\n"
        + "    if [ \"${grub_platform}\" != \"efi\" ]; then\n"
        + "        echo \"Windows To Go boots in UEFI mode only.\"\n"
        + "        sleep 5\n"
        + "    elif search --no-floppy --fs-uuid --set=rescuefleet_wtg " + grubUuid + "; then\n"
        + "        chainloader (${rescuefleet_wtg})" + BOOT_MANAGER + "\n"
        + "    else\n"
        + "        echo \"The Windows To Go partition (NTFS " + grubUuid + ") is not on this stick any more.\"\n"
        + "        sleep 5\n"
        + "    fi\n"
        + "}\n"
        + "\n"
        + "menuentry '<-- Return to previous menu [Esc]' --class=vtoyret VTOY_RET {\n"
        + "    echo 'Return ...'\n"
        + "}\n";
  }

  /** Whether a menu found on the stick is one RescueFleet wrote (it may have been edited since). */
  public static boolean ours(String content) {
    return content != null && content.startsWith(HEADER);
  }
}
