package io.rescuefleet.faults.lab;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loop devices over one image file, by anyone: the disks (backed by the file itself) and the
 * region devices stacked on them (backed by a disk), read from sysfs ({@code loop/backing_file}),
 * cheap enough to poll. Never includes another image's devices, so cleaning up after a dead run
 * touches only its own.
 */
public record LoopChain(List<String> disks, List<String> regions) {

  public LoopChain {
    disks = List.copyOf(disks);
    regions = List.copyOf(regions);
  }

  public static LoopChain of(Path image) {
    Map<String, String> backing = new LinkedHashMap<>();
    try (DirectoryStream<Path> blocks = Files.newDirectoryStream(Path.of("/sys/block"), "loop*")) {
      for (Path block : blocks) {
        try {
          String file = Files.readString(block.resolve("loop/backing_file")).strip();
          backing.put("/dev/" + block.getFileName(), file.replaceFirst(" \\(deleted\\)$", ""));
        } catch (IOException e) {
          // not attached, or detached meanwhile
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot list /sys/block", e);
    }
    String file = image.toAbsolutePath().normalize().toString();
    List<String> disks = new ArrayList<>();
    backing.forEach((loop, back) -> {
      if (back.equals(file)) {
        disks.add(loop);
      }
    });
    List<String> regions = new ArrayList<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Map.Entry<String, String> e : backing.entrySet()) {
        boolean onChain = disks.contains(e.getValue()) || regions.contains(e.getValue());
        if (onChain && !disks.contains(e.getKey()) && !regions.contains(e.getKey())) {
          regions.add(e.getKey());
          grew = true;
        }
      }
    }
    return new LoopChain(disks, regions);
  }

  /** Every device of the chain, disks first. */
  public List<String> all() {
    List<String> all = new ArrayList<>(disks);
    all.addAll(regions);
    return all;
  }

  public boolean isEmpty() {
    return disks.isEmpty() && regions.isEmpty();
  }
}
