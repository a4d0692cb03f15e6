package io.rescuefleet.station.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Preconditions of component tests. They fail, loudly and with the fix, when root or a tool is
 * missing; they never skip: a test that cannot run is not a passing test.
 */
public final class Machine {
  /** Tools the engine's component tests run. */
  public static final List<String> ENGINE_TOOLS = List.of("sfdisk", "lsblk", "losetup", "blockdev", "blkid", "mkfs.exfat",
      "exfatlabel", "fsck.exfat", "mount.exfat-fuse", "mkfs.vfat", "mtype", "mdir", "mcopy", "mdel", "mren", "xz", "umount", "mount");

  private Machine() {}

  public static void requireRootAndTools(List<String> tools) {
    assertThat(new com.sun.security.auth.module.UnixSystem().getUid())
        .as("component tests attach loop devices and mount filesystems: run them as root (CI runs as root)")
        .isZero();
    List<String> missing = new ArrayList<>();
    for (String tool : tools) {
      if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    assertThat(missing).as("tools missing; install them with bin/setup").isEmpty();
  }

  public static void requireEngineTools() {
    requireRootAndTools(ENGINE_TOOLS);
  }

  private static boolean onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return true;
      }
    }
    return false;
  }
}
