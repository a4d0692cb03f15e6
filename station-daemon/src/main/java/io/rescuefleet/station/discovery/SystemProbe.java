package io.rescuefleet.station.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Captures a {@link SystemContext} of this machine now: lsblk, the loop devices, the device of {@code /}. */
public final class SystemProbe {
  private final ProcessRunner runner;

  public SystemProbe(ProcessRunner runner) {
    this.runner = runner;
  }

  public SystemContext capture() {
    return new SystemContext(new Lsblk(runner).all(), rootMajMin(), loopBackings());
  }

  private Map<String, String> loopBackings() {
    String json = runner.run(Command.of("losetup", "--json", "--list")).stdout();
    Map<String, String> backings = new HashMap<>();
    if (json.isBlank()) {
      return backings; // losetup prints nothing at all when no loop device is attached
    }
    try {
      for (JsonNode loop : JsonMapper.builder().build().readTree(json).path("loopdevices")) {
        String backFile = loop.path("back-file").asText(null);
        if (backFile != null) {
          // losetup appends " (deleted)" when the backing file was removed.
          backings.put(loop.path("name").asText(), backFile.replace(" (deleted)", ""));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("losetup --json printed something that is not JSON", e);
    }
    return backings;
  }

  /** {@code MAJ:MIN} of the filesystem holding {@code /}, or null inside an overlay with no device. */
  static String rootMajMin() {
    try {
      long dev = ((Number) Files.getAttribute(Path.of("/"), "unix:dev")).longValue();
      long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
      long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
      return major == 0 ? null : major + ":" + minor;
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }
}
