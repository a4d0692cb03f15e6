package io.rescuefleet.demo;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Checks that the demo (or an end-to-end test) left nothing attached or mounted, and removes its work directory. */
public final class Cleanup {
  private Cleanup() {}

  /**
   * Loop devices still backed by a file under {@code work}, or by such a loop device (a partition
   * attached at an offset), and mounts whose source is one of them or that lie under {@code work}.
   */
  public static List<String> leftovers(Path work) throws IOException, InterruptedException {
    List<String> found = new ArrayList<>();
    Process p = new ProcessBuilder("losetup", "--list", "--noheadings", "--output", "NAME,BACK-FILE").start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(10, TimeUnit.SECONDS);
    Map<String, String> backing = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      String[] parts = line.trim().split("\\s+", 2);
      if (parts.length == 2) {
        backing.put(parts[0], parts[1]);
      }
    }
    Set<String> loops = new LinkedHashSet<>();
    for (boolean grew = true; grew; ) {
      grew = false;
      for (Map.Entry<String, String> loop : backing.entrySet()) {
        boolean ours = loop.getValue().startsWith(work.toString()) || loops.contains(loop.getValue());
        if (ours && loops.add(loop.getKey())) {
          found.add("loop device " + loop.getKey() + " on " + loop.getValue());
          grew = true;
        }
      }
    }
    for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
      String source = line.split(" ")[0];
      if (loops.contains(source) || line.contains(work.toString())) {
        found.add("mount " + line.split(" ")[1] + " of " + source);
      }
    }
    return found;
  }

  public static void removeTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
