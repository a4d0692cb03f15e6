package io.rescuefleet.station.wtg.bcd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects bcdboot writes for one Windows installation booted by UEFI, here with the boot manager,
 * its BCD and Windows on the same partition: {bootmgr} and a new Windows loader, both on the Windows
 * To Go partition, and {memdiag} pointed there too when the template and the image have it.
 */
public final class WindowsToGoBcd {
  public static final String BOOT_MANAGER_PATH = "\\EFI\\Microsoft\\Boot\\bootmgfw.efi";
  public static final String LOADER_PATH = "\\Windows\\system32\\winload.efi";
  public static final String MEMTEST_PATH = "\\EFI\\Microsoft\\Boot\\memtest.efi";

  private WindowsToGoBcd() {}

  /**
   * @param loaderId the new loader object's id, braced
   * @param templateObjects the ids the template has, lower case
   * @param memtest whether the image brings memtest.efi
   */
  public static List<BcdObject> objects(BcdDevice device, String loaderId, String description, String locale,
      List<String> templateObjects, boolean memtest) {
    BcdValue.Device where = new BcdValue.Device(device);
    BcdValue.Text language = new BcdValue.Text(locale);

    Map<String, BcdValue> manager = new LinkedHashMap<>();
    manager.put(BcdElements.DEVICE, where);
    manager.put(BcdElements.PATH, new BcdValue.Text(BOOT_MANAGER_PATH));
    manager.put(BcdElements.DESCRIPTION, new BcdValue.Text("Windows Boot Manager"));
    manager.put(BcdElements.LOCALE, language);
    manager.put(BcdElements.DEFAULT_OBJECT, new BcdValue.Text(loaderId));
    manager.put(BcdElements.DISPLAY_ORDER, new BcdValue.ObjectList(List.of(loaderId)));

    Map<String, BcdValue> loader = new LinkedHashMap<>();
    loader.put(BcdElements.DEVICE, where);
    loader.put(BcdElements.PATH, new BcdValue.Text(LOADER_PATH));
    loader.put(BcdElements.DESCRIPTION, new BcdValue.Text(description));
    loader.put(BcdElements.LOCALE, language);
    if (templateObjects.contains(BcdElements.BOOTLOADER_SETTINGS)) {
      loader.put(BcdElements.INHERIT, new BcdValue.ObjectList(List.of(BcdElements.BOOTLOADER_SETTINGS)));
    }
    loader.put(BcdElements.OS_DEVICE, where);
    loader.put(BcdElements.SYSTEM_ROOT, new BcdValue.Text("\\Windows"));

    List<BcdObject> objects = new ArrayList<>();
    objects.add(new BcdObject(BcdElements.BOOTMGR, BcdElements.TYPE_BOOT_MANAGER, manager));
    objects.add(new BcdObject(loaderId, BcdElements.TYPE_OS_LOADER, loader));
    if (memtest && templateObjects.contains(BcdElements.MEMDIAG)) {
      objects.add(new BcdObject(BcdElements.MEMDIAG, null,
          Map.of(BcdElements.DEVICE, where, BcdElements.PATH, new BcdValue.Text(MEMTEST_PATH))));
    }
    return objects;
  }
}
