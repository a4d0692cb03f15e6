package io.rescuefleet.demo;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Checks that the demo left nothing attached or mounted, and removes its work directory. */
final class Cleanup {
  private Cleanup() {}

  /** Loop devices still backed by a file under {@code work}, and mounts whose source is one of them. */
  static List<String> leftovers(Path work) throws IOException, InterruptedException {
    List<String> found = new ArrayList<>();
    Process p = new ProcessBuilder("losetup", "--list", "--noheadings", "--output", "NAME,BACK-FILE").start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(10, TimeUnit.SECONDS);
    List<String> loops = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] parts = line.trim().split("\\s+", 2);
      if (parts.length == 2 && parts[1].startsWith(work.toString())) {
        loops.add(parts[0]);
        found.add("loop device " + parts[0] + " on " + parts[1]);
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

  static void removeTree(Path root) throws IOException {
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
