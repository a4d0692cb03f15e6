package io.rescuefleet.station.wtg.volume;

import io.rescuefleet.api.v1alpha1.SanPolicy;
import io.rescuefleet.station.wtg.registry.Hivex;
import io.rescuefleet.station.wtg.registry.RegistryLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Does for the settings unattend.xml keeps in its offlineServicing pass what {@code dism /Apply-Unattend}
 * would: Windows Setup does not run that pass when an applied image first boots, so they are written to
 * the image's registry hives with hivexsh. The SAN policy goes to SYSTEM
 * ({@code ControlSetNNN\Services\partmgr\Parameters\SanPolicy}, in the control set {@code Select\Current}
 * names); the driver folder joins SOFTWARE's {@code Microsoft\Windows\CurrentVersion\DevicePath}, where
 * Plug and Play looks for drivers. A key's other values are kept. What cannot be done is reported,
 * never faked.
 */
final class OfflineServicing {
  private final Hivex hivex;

  OfflineServicing(Hivex hivex) {
    this.hivex = hivex;
  }

  /**
   * @param system the image's SYSTEM hive on the mounted volume, if it has one; {@code software} likewise
   * @return one line per setting: what was set where, or why it was not
   */
  List<String> service(Optional<Path> system, Optional<Path> software, SanPolicy policy, String driversPath) {
    List<String> done = new ArrayList<>();
    if (policy != null) {
      done.add(system.map(hive -> sanPolicy(hive, policy)).orElse("SanPolicy not set: the image has no SYSTEM hive"));
    }
    if (driversPath != null) {
      done.add(software.map(hive -> devicePath(hive, driversPath))
          .orElse("DevicePath not extended: the image has no SOFTWARE hive"));
    }
    return done;
  }

  private String sanPolicy(Path hive, SanPolicy policy) {
    int current = hivex.values(hive, "\\Select").flatMap(v -> find(v, "Current")).map(l -> l.printed())
        .filter(p -> p.startsWith("dword:")).map(p -> Integer.parseInt(p.substring(6), 16)).orElse(1);
    String service = String.format("\\ControlSet%03d\\Services\\partmgr", current);
    Optional<List<String>> children = hivex.subkeys(hive, service);
    if (children.isEmpty()) {
      return "SanPolicy not set: SYSTEM has no " + service.substring(1);
    }
    StringBuilder script = new StringBuilder();
    List<RegistryLine> kept = new ArrayList<>();
    if (children.get().stream().noneMatch("Parameters"::equalsIgnoreCase)) {
      script.append("cd ").append(service).append("\nadd Parameters\n");
    } else {
      kept.addAll(hivex.values(hive, service + "\\Parameters").orElse(List.of()));
    }
    kept.removeIf(l -> l.name().equalsIgnoreCase("SanPolicy"));
    String key = service + "\\Parameters";
    return setval(hive, script, key, kept, "SanPolicy", String.format("dword:0x%08x", policy.windowsValue()))
        .map(why -> "SanPolicy not set: " + why)
        .orElse("SanPolicy " + policy.windowsValue() + " set in SYSTEM" + key);
  }

  private String devicePath(Path hive, String driversPath) {
    String key = "\\Microsoft\\Windows\\CurrentVersion";
    Optional<List<RegistryLine>> values = hivex.values(hive, key);
    if (values.isEmpty()) {
      return "DevicePath not extended: SOFTWARE has no " + key.substring(1);
    }
    String folder = "%SystemDrive%\\" + trim(driversPath).replace('/', '\\');
    String before = find(values.get(), "DevicePath").flatMap(RegistryLine::text).orElse("%SystemRoot%\\inf");
    List<RegistryLine> kept = new ArrayList<>(values.get());
    kept.removeIf(l -> l.name().equalsIgnoreCase("DevicePath"));
    String after = before + ";" + folder;
    return setval(hive, new StringBuilder(), key, kept, "DevicePath", "expandstring:" + after)
        .map(why -> "DevicePath not extended: " + why)
        .orElse("DevicePath in SOFTWARE" + key + " is " + after);
  }

  /** Sets {@code name} in {@code key}, writing back every value kept; returns why not, when it cannot. */
  private Optional<String> setval(Path hive, StringBuilder script, String key, List<RegistryLine> kept, String name,
      String value) {
    script.append("cd ").append(key).append('\n').append("setval ").append(kept.size() + 1).append('\n');
    for (RegistryLine l : kept) {
      Optional<String> same = l.setval();
      if (same.isEmpty() || l.name().equals("@") || l.name().contains("\n")) {
        return Optional.of(key + " has a value (" + l.name() + ") hivexsh cannot write back unchanged");
      }
      script.append(l.name()).append('\n').append(same.get()).append('\n');
    }
    script.append(name).append('\n').append(value).append('\n').append("commit\n");
    hivex.edit(hive, script.toString());
    return Optional.empty();
  }

  private static Optional<RegistryLine> find(List<RegistryLine> values, String name) {
    return values.stream().filter(l -> l.name().equalsIgnoreCase(name)).findFirst();
  }

  private static String trim(String path) {
    String p = path.replace('\\', '/');
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
