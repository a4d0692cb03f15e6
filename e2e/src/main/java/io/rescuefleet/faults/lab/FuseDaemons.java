package io.rescuefleet.faults.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The FUSE daemons (exfat-fuse, ntfs-3g) serving given block devices, found by their command lines in
 * /proc: they daemonize out of the process that mounted them, so only their arguments tie them to a
 * stick. Killing one makes its mount answer "Transport endpoint is not connected", as when a stick is
 * pulled from under a FUSE filesystem.
 */
public final class FuseDaemons {
  private static final Set<String> DAEMONS = Set.of("mount.exfat-fuse", "mount.exfat", "exfat-fuse", "ntfs-3g",
      "mount.ntfs-3g", "lowntfs-3g", "mount.ntfs");

  private FuseDaemons() {}

  /** Pids of the FUSE daemons whose arguments name one of {@code devices}. */
  public static List<Long> serving(Collection<String> devices) {
    List<Long> pids = new ArrayList<>();
    if (devices.isEmpty()) {
      return pids;
    }
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path proc : procs) {
        List<String> argv = argv(proc);
        if (!argv.isEmpty() && DAEMONS.contains(Path.of(argv.get(0)).getFileName().toString())
            && argv.stream().anyMatch(devices::contains)) {
          pids.add(Long.parseLong(proc.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      // /proc is always there; a listing cut short finds fewer daemons
    }
    return pids;
  }

  /** SIGKILL to each; a daemon already gone is fine. */
  public static void kill(Collection<Long> pids) {
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private static List<String> argv(Path proc) {
    try {
      byte[] raw = Files.readAllBytes(proc.resolve("cmdline"));
      List<String> argv = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < raw.length; i++) {
        if (raw[i] == 0) {
          argv.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
          start = i + 1;
        }
      }
      return argv;
    } catch (IOException e) {
      return List.of(); // the process ended meanwhile
    }
  }
}
