package io.rescuefleet.faults.lab;

import java.util.List;

/** The YAML of the drills' specs: an IsoCatalog, an optional WtgProfile and one RescueDrive, in namespace {@code faults}. */
public final class SpecYaml {
  public static final String NAMESPACE = "faults";

  private SpecYaml() {}

  /** One catalog entry. */
  public record Entry(String name, String url, String sha256, Long size, String path) {}

  /** The drive's layout and ventoy settings. */
  public record Drive(String name, String serial, String style, long reservedMiB, int menuTimeout, String menuMode) {}

  /** A Windows To Go profile on a partition in the reserved space, selecting an image by index. */
  public record Wtg(String url, String sha256, int index, long sizeMiB) {}

  public static String of(Drive drive, List<Entry> entries, Wtg wtg) {
    StringBuilder s = new StringBuilder();
    s.append("apiVersion: rescuefleet.io/v1alpha1\nkind: IsoCatalog\nmetadata: {name: ").append(drive.name())
        .append("-set, namespace: ").append(NAMESPACE).append("}\nspec:\n  entries:\n");
    for (Entry e : entries) {
      s.append(String.format("    - {name: %s, url: \"%s\", sha256: %s%s, path: %s}%n", e.name(), e.url(), e.sha256(),
          e.size() == null ? "" : ", size: " + e.size(), e.path()));
    }
    if (wtg != null) {
      s.append(String.format("""
          ---
          apiVersion: rescuefleet.io/v1alpha1
          kind: WtgProfile
          metadata: {name: %s-wtg, namespace: %s}
          spec:
            image: {url: "%s", sha256: %s}
            index: %d
            target: Partition
            sizeMiB: %d
            unattend: {computerNamePattern: "WTG-{serial}", copyProfile: true, persistentPageFile: true, sanPolicy: OfflineInternal}
          """, drive.name(), NAMESPACE, wtg.url(), wtg.sha256(), wtg.index(), wtg.sizeMiB()));
    }
    s.append(String.format("""
        ---
        apiVersion: rescuefleet.io/v1alpha1
        kind: RescueDrive
        metadata: {name: %s, namespace: %s}
        spec:
          serial: "%s"
          layout: {partitionStyle: %s, dataFilesystem: exFAT, ventoyVersion: "1.1.05", reservedMiB: %d}
          catalogRef: {name: %s-set}
        %s  ventoy:
            control: {menuTimeoutSeconds: %d, defaultMenuMode: %s}
        """, drive.name(), NAMESPACE, drive.serial(), drive.style(), drive.reservedMiB(), drive.name(),
        wtg == null ? "" : "  wtgProfileRef: {name: " + drive.name() + "-wtg}\n", drive.menuTimeout(), drive.menuMode()));
    return s.toString();
  }
}
