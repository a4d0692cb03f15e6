package io.rescuefleet.station.wtg.unattend;

import java.nio.charset.StandardCharsets;

/**
 * Writes the answer file Windows Setup reads from {@code Windows/Panther/unattend.xml} on a Windows To
 * Go system's first boot. Settings go to the passes Microsoft documents for them:
 *
 * <ul>
 *   <li>offlineServicing: {@code Microsoft-Windows-PartitionManager/SanPolicy} (4 keeps the host's
 *       internal disks offline, as Windows To Go does) and the driver folder under
 *       {@code Microsoft-Windows-PnpCustomizationsNonWinPE/DriverPaths};
 *   <li>specialize: {@code Microsoft-Windows-Shell-Setup} ComputerName and CopyProfile, and with
 *       {@code persistentPageFile} a {@code Microsoft-Windows-Deployment} command that keeps a
 *       system-managed page file on the Windows To Go volume (C: once it runs).
 * </ul>
 *
 * Windows Setup runs no offlineServicing pass when an applied image first boots (Microsoft's Windows
 * To Go guide applies it with {@code dism /Apply-Unattend}), so those settings are also written to the
 * image's registry when it is applied ({@code OfflineServicing}). Pure; the same settings always give
 * the same bytes, so their digest tells whether the file changed.
 */
public final class UnattendXml {
  /** Where Windows Setup looks for it, relative to the Windows volume's root. */
  public static final String PATH = "Windows/Panther/unattend.xml";

  private static final String PAGE_FILE_COMMAND = "reg add \"HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager"
      + "\\Memory Management\" /v PagingFiles /t REG_MULTI_SZ /d \"C:\\pagefile.sys 0 0\" /f";

  private UnattendXml() {}

  public static byte[] render(UnattendSettings s) {
    StringBuilder x = new StringBuilder();
    x.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.append("<!-- Written by RescueFleet for WtgProfile ").append(escape(s.profile()).replace("--", "- -"))
        .append(". Changes are overwritten. -->\n");
    x.append("<unattend xmlns=\"urn:schemas-microsoft-com:unattend\" ")
        .append("xmlns:wcm=\"http://schemas.microsoft.com/WMIConfig/2002/State\">\n");
    if (s.sanPolicy() != null || s.driversPath() != null) {
      x.append("  <settings pass=\"offlineServicing\">\n");
      if (s.sanPolicy() != null) {
        component(x, "Microsoft-Windows-PartitionManager", s.architecture());
        x.append("      <SanPolicy>").append(s.sanPolicy().windowsValue()).append("</SanPolicy>\n");
        x.append("    </component>\n");
      }
      if (s.driversPath() != null) {
        component(x, "Microsoft-Windows-PnpCustomizationsNonWinPE", s.architecture());
        x.append("      <DriverPaths>\n");
        x.append("        <PathAndCredentials wcm:action=\"add\" wcm:keyValue=\"1\">\n");
        x.append("          <Path>").append(escape(windowsPath(s.driversPath()))).append("</Path>\n");
        x.append("        </PathAndCredentials>\n");
        x.append("      </DriverPaths>\n");
        x.append("    </component>\n");
      }
      x.append("  </settings>\n");
    }
    x.append("  <settings pass=\"specialize\">\n");
    component(x, "Microsoft-Windows-Shell-Setup", s.architecture());
    x.append("      <ComputerName>").append(escape(s.computerName())).append("</ComputerName>\n");
    x.append("      <CopyProfile>").append(s.copyProfile()).append("</CopyProfile>\n");
    x.append("    </component>\n");
    if (s.persistentPageFile()) {
      component(x, "Microsoft-Windows-Deployment", s.architecture());
      x.append("      <RunSynchronous>\n");
      x.append("        <RunSynchronousCommand wcm:action=\"add\">\n");
      x.append("          <Order>1</Order>\n");
      x.append("          <Description>Keep the page file on the Windows To Go volume</Description>\n");
      x.append("          <Path>").append(escape(PAGE_FILE_COMMAND)).append("</Path>\n");
      x.append("        </RunSynchronousCommand>\n");
      x.append("      </RunSynchronous>\n");
      x.append("    </component>\n");
    }
    x.append("  </settings>\n");
    x.append("</unattend>\n");
    return x.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void component(StringBuilder x, String name, String architecture) {
    x.append("    <component name=\"").append(name).append("\" processorArchitecture=\"").append(escape(architecture))
        .append("\" publicKeyToken=\"31bf3856ad364e35\" language=\"neutral\" versionScope=\"nonSxS\">\n");
  }

  /** {@code drivers/usb3} as Windows names it on the Windows To Go volume, {@code C:} and backslashes. */
  static String windowsPath(String relative) {
    String p = relative.replace('/', '\\');
    while (p.startsWith("\\")) {
      p = p.substring(1);
    }
    while (p.endsWith("\\")) {
      p = p.substring(0, p.length() - 1);
    }
    return "C:\\" + p;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
