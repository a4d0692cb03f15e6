package io.rescuefleet.station.fs;

import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessResult;
import io.rescuefleet.station.process.ProcessRunner;
import java.util.HashMap;
import java.util.Map;

/**
 * Identifies the filesystem on a device with {@code blkid -p}: low-level probing of the device itself,
 * never blkid's cache or udev's database, which can be stale after a format.
 */
public final class FsProbe {
  /** blkid's exit code when it finds nothing. */
  private static final int NOTHING_FOUND = 2;
  /** blkid's exit code when signatures contradict each other; treated as "no usable filesystem". */
  private static final int AMBIVALENT = 8;

  private final ProcessRunner runner;

  public FsProbe(ProcessRunner runner) {
    this.runner = runner;
  }

  public FsSignature probe(String device) {
    ProcessResult r = runner.run(Command.of("blkid", "-p", "-o", "export", device)
        .allowingExitCodes(NOTHING_FOUND, AMBIVALENT));
    if (r.exitCode() != 0) {
      return FsSignature.none();
    }
    return parse(r.stdout());
  }

  static FsSignature parse(String export) {
    Map<String, String> values = new HashMap<>();
    export.lines().forEach(line -> {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    });
    if (!"filesystem".equals(values.getOrDefault("USAGE", "filesystem"))) {
      return FsSignature.none();
    }
    return new FsSignature(values.get("TYPE"), values.get("LABEL"), values.get("UUID"), values.get("VERSION"));
  }
}
