package io.rescuefleet.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What a killed station daemon left attached, and its removal: the loop devices backed by files
 * under given directories (the daemon's image hub), the partition loop devices stacked on those, the
 * mounts of any of them or under the directory (FUSE daemons outlive the kill), and the write
 * throttles on them. Only what belongs to those directories is found, so colleagues' devices on the
 * same machine are never touched.
 */
final class PowerCutLeftovers {
  private static final Path BLKIO_WRITE_BPS = Path.of("/sys/fs/cgroup/blkio/blkio.throttle.write_bps_device");

  /** Loop devices outermost last (a stacked device before the one it sits on). */
  private final List<String> loops;
  private final List<String> mountPoints;
  private final List<String> throttled;

  private PowerCutLeftovers(List<String> loops, List<String> mountPoints, List<String> throttled) {
    this.loops = loops;
    this.mountPoints = mountPoints;
    this.throttled = throttled;
  }

  /** Finds everything attached or mounted on behalf of files under {@code dirs}, or mounted under them. */
  static PowerCutLeftovers find(Path... dirs) throws IOException, InterruptedException {
    Map<String, String> backing = new LinkedHashMap<>();
    for (String line : run("losetup", "--list", "--noheadings", "--raw", "--output", "NAME,BACK-FILE").lines().toList()) {
      String[] parts = line.strip().split("\\s+", 2);
      if (parts.length == 2) {
        backing.put(parts[0], parts[1].replace(" (deleted)", ""));
      }
    }
    Set<String> ours = new LinkedHashSet<>();
    backing.forEach((loop, file) -> {
      for (Path dir : dirs) {
        if (file.startsWith(dir.toString() + "/")) {
          ours.add(loop);
        }
      }
    });
    List<String> stickLoops = List.copyOf(ours);
    // Partition devices are loop devices on the stick's loop device; follow the stack to the top.
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Map.Entry<String, String> e : backing.entrySet()) {
        if (!ours.contains(e.getKey()) && ours.contains(e.getValue())) {
          ours.add(e.getKey());
          grew = true;
        }
      }
    }
    List<String> mounts = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
      String[] fields = line.split(" ");
      int dash = List.of(fields).indexOf("-");
      if (dash < 0 || dash + 2 >= fields.length) {
        continue;
      }
      String point = unescape(fields[4]);
      String source = fields[dash + 2];
      boolean under = false;
      for (Path dir : dirs) {
        under |= point.startsWith(dir.toString() + "/");
      }
      if (ours.contains(source) || under) {
        mounts.add(point);
      }
    }
    List<String> throttles = new ArrayList<>();
    if (Files.isReadable(BLKIO_WRITE_BPS)) {
      Set<String> numbers = new LinkedHashSet<>();
      for (String line : Files.readAllLines(BLKIO_WRITE_BPS)) {
        numbers.add(line.split("\\s+")[0]);
      }
      for (String loop : stickLoops) {
        String mm = majorMinor(loop);
        if (mm != null && numbers.contains(mm)) {
          throttles.add(mm);
        }
      }
    }
    List<String> stackedFirst = new ArrayList<>(ours);
    java.util.Collections.reverse(stackedFirst);
    return new PowerCutLeftovers(stackedFirst, mounts, throttles);
  }

  boolean isEmpty() {
    return loops.isEmpty() && mountPoints.isEmpty() && throttled.isEmpty();
  }

  int loopDevices() {
    return loops.size();
  }

  int mounts() {
    return mountPoints.size();
  }

  @Override
  public String toString() {
    return "loops=" + loops + " mounts=" + mountPoints + " throttles=" + throttled;
  }

  /** Unmounts, lifts the throttles and detaches, stacked devices first; throws when something stays. */
  void sweep() throws IOException, InterruptedException {
    for (String point : mountPoints) {
      if (!tryRun("umount", point)) {
        tryRun("umount", "--lazy", point);
      }
      try {
        Files.deleteIfExists(Path.of(point));
      } catch (IOException e) {
        // an empty mount point left in our own work directory is harmless
      }
    }
    for (String mm : throttled) {
      Files.writeString(BLKIO_WRITE_BPS, mm + " 0\n");
    }
    for (String loop : loops) {
      tryRun("losetup", "--detach", loop);
      Path bound = Path.of("/sys/block", Path.of(loop).getFileName().toString(), "loop");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (Files.exists(bound) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    }
  }

  private static String majorMinor(String device) {
    try {
      long rdev = ((Number) Files.getAttribute(Path.of(device), "unix:rdev")).longValue();
      long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
      long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
      return major + ":" + minor;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** mountinfo escapes spaces and backslashes as octal. */
  private static String unescape(String s) {
    return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
  }

  private static String run(String... argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", argv) + " failed: " + out.strip());
    }
    return out;
  }

  private static boolean tryRun(String... argv) throws InterruptedException {
    for (int attempt = 0; attempt < 10; attempt++) {
      try {
        run(argv);
        return true;
      } catch (IOException e) {
        Thread.sleep(200); // "target is busy" while a killed process's files are being closed
      }
    }
    return false;
  }
}
