package io.rescuefleet.station.wtg.image;

import java.util.List;
import java.util.Locale;

/**
 * Files a running Windows rewrites on its own (registry hives, logs, the search index, user profiles,
 * servicing state): never used as verification samples, so booting the Windows To Go system is not
 * mistaken for damage. Paths are compared without case, as NTFS does.
 */
public final class MutablePaths {
  private static final List<String> PREFIXES = List.of(
      "/windows/system32/config/",
      "/windows/system32/logfiles/",
      "/windows/system32/wbem/repository/",
      "/windows/system32/sru/",
      "/windows/system32/catroot2/",
      "/windows/system32/tasks/",
      "/windows/logs/",
      "/windows/panther/",
      "/windows/temp/",
      "/windows/prefetch/",
      "/windows/softwaredistribution/",
      "/windows/servicing/",
      "/windows/serviceprofiles/",
      "/windows/servicestate/",
      "/windows/inf/",
      "/windows/winsxs/pending",
      "/users/",
      "/programdata/",
      "/$recycle.bin/",
      "/system volume information/",
      "/recovery/",
      "/efi/",
      "/.rescuefleet/");
  private static final List<String> SUFFIXES = List.of(
      ".log", ".etl", ".evtx", ".dat", ".db", ".tmp", ".blf", ".regtrans-ms", ".jrs", ".chk", ".edb", ".pf");
  private static final List<String> ROOT_FILES = List.of("/pagefile.sys", "/hiberfil.sys", "/swapfile.sys");

  private MutablePaths() {}

  public static boolean mutable(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return ROOT_FILES.contains(p)
        || PREFIXES.stream().anyMatch(p::startsWith)
        || SUFFIXES.stream().anyMatch(p::endsWith);
  }
}
