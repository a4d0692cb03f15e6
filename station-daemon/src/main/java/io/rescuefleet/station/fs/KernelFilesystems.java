package io.rescuefleet.station.fs;

import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.process.ToolMissingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the running kernel can mount a filesystem type itself (loading its module if needed). */
public final class KernelFilesystems {
  private final ProcessRunner runner;

  public KernelFilesystems(ProcessRunner runner) {
    this.runner = runner;
  }

  public boolean supports(String type) {
    if (listed(type)) {
      return true;
    }
    try {
      // A station usually has the module but not loaded yet; modprobe fails harmlessly where it is absent.
      runner.runAllowingFailure(Command.of("modprobe", "-q", type));
    } catch (ToolMissingException e) {
      return false;
    }
    return listed(type);
  }

  private static boolean listed(String type) {
    try {
      return Files.readAllLines(Path.of("/proc/filesystems")).stream()
          .map(line -> line.substring(line.indexOf('\t') + 1).strip())
          .anyMatch(type::equals);
    } catch (IOException e) {
      return false;
    }
  }
}
