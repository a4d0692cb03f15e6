package io.rescuefleet.faults.lab;

import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.process.ToolFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What runs on one image left in the kernel: its loop devices, the mounts of those devices, and the
 * FUSE daemons serving them. A killed process leaves all three behind, as a power cut leaves a confused
 * kernel; {@link #release} clears them for this image only, never another stick's.
 */
public record KernelLeftovers(LoopChain loops, List<String> mountPoints, List<Long> fuseDaemons) {

  public KernelLeftovers {
    mountPoints = List.copyOf(mountPoints);
    fuseDaemons = List.copyOf(fuseDaemons);
  }

  public static KernelLeftovers of(Path image, ProcessRunner runner) {
    LoopChain chain = LoopChain.of(image);
    return new KernelLeftovers(chain, mountsOf(chain.all()), FuseDaemons.serving(chain.all()));
  }

  public boolean isEmpty() {
    return loops.isEmpty() && mountPoints.isEmpty() && fuseDaemons.isEmpty();
  }

  /** Kills the daemons, unmounts, and detaches the region devices before the disks they sit on. */
  public void release(ProcessRunner runner) {
    FuseDaemons.kill(fuseDaemons);
    for (String dir : mountPoints) {
      try {
        runner.run(Command.of("umount", dir));
      } catch (ToolFailedException e) {
        runner.runAllowingFailure(Command.of("umount", "--lazy", dir));
      }
      try {
        Files.deleteIfExists(Path.of(dir));
      } catch (IOException e) {
        // a mount point that is not empty was not one of the station's temporary ones
      }
    }
    List<String> order = new ArrayList<>(loops.regions());
    java.util.Collections.reverse(order);
    order.addAll(loops.disks());
    for (String loop : order) {
      runner.runAllowingFailure(Command.of("losetup", "--detach", loop));
      awaitDetached(loop);
    }
  }

  /** Mount points whose source is one of {@code devices}, from /proc/self/mountinfo. */
  static List<String> mountsOf(List<String> devices) {
    List<String> dirs = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] halves = line.split(" - ", 2);
        String[] before = halves[0].split(" ");
        String[] after = halves.length > 1 ? halves[1].split(" ") : new String[0];
        if (after.length >= 2 && devices.contains(after[1]) && before.length > 4) {
          dirs.add(unescape(before[4]));
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read /proc/self/mountinfo", e);
    }
    return dirs;
  }

  private static String unescape(String field) {
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
  }

  private static void awaitDetached(String loop) {
    Path bound = Path.of("/sys/block", Path.of(loop).getFileName().toString(), "loop");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (Files.exists(bound) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public String toString() {
    return "loops " + loops.all() + ", mounts " + mountPoints + ", FUSE daemons " + fuseDaemons;
  }
}
