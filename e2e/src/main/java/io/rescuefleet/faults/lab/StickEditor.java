package io.rescuefleet.faults.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rescuefleet.station.device.LoopDevice;
import io.rescuefleet.station.device.LoopDevices;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Changes a stick behind RescueFleet's back, as a person on another PC would: the data partition of an
 * image mounted read-write with exfat-fuse on loop devices of its own, released afterwards.
 */
public final class StickEditor {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProcessRunner runner;
  private final LoopDevices loops;

  public StickEditor(ProcessRunner runner) {
    this.runner = runner;
    this.loops = new LoopDevices(runner);
  }

  /** "Target is busy" right after files were closed through FUSE passes; a few tries are enough. */
  private void unmount(Path dir) {
    for (int attempt = 1; runner.runAllowingFailure(Command.of("umount", dir.toString())).exitCode() != 0; attempt++) {
      if (attempt == 25) {
        runner.run(Command.of("umount", dir.toString()));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Lets {@code change} edit the mounted data partition of {@code image}. */
  public void edit(Path image, Consumer<Path> change) {
    JsonNode data;
    try {
      data = JSON.readTree(runner.run(Command.of("sfdisk", "--json", image.toString())).stdout())
          .path("partitiontable").path("partitions").get(0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the table of " + image, e);
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("rescuefleet-edit-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (LoopDevice part = loops.attach(image.toString(), data.path("start").asLong() * 512,
        data.path("size").asLong() * 512)) {
      runner.run(Command.of("mount.exfat-fuse", "-o", "rw", part.path(), dir.toString()));
      try {
        change.accept(dir);
      } finally {
        unmount(dir);
      }
    } finally {
      dir.toFile().delete();
    }
  }
}
