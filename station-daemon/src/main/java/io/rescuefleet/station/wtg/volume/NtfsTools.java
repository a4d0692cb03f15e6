package io.rescuefleet.station.wtg.volume;

import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessResult;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.process.ToolFailedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * ntfs-3g's tools on an unmounted NTFS volume: {@code mkntfs} to make a fresh one, {@code ntfscp} to
 * put a file on it and {@code ntfscat} to read one back, without mounting.
 */
public final class NtfsTools {
  /** Heads and sectors per track recorded in the boot sector: what every BIOS reports for USB disks. */
  private static final String HEADS = "255";
  private static final String SECTORS_PER_TRACK = "63";

  private final ProcessRunner runner;

  public NtfsTools(ProcessRunner runner) {
    this.runner = runner;
  }

  /**
   * A fresh NTFS volume on {@code device}, quick (no zeroing: the apply writes what matters).
   *
   * @param startSector where the partition starts on its disk, recorded in the boot sector
   */
  public void format(String device, long startSector, String label) {
    runner.run(Command.of("mkntfs", "--quick", "--force", "--quiet", "--label", label,
        "--partition-start", Long.toString(startSector), "--heads", HEADS, "--sectors-per-track", SECTORS_PER_TRACK,
        device));
  }

  /** Writes {@code content} to {@code path} (from the volume root; its directory must exist). */
  public void put(String device, String path, byte[] content) {
    Path local;
    try {
      local = Files.createTempFile("rescuefleet-ntfscp-", ".tmp");
      Files.write(local, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage a file for ntfscp", e);
    }
    try {
      runner.run(Command.of("ntfscp", device, local.toString(), "/" + path));
    } finally {
      try {
        Files.deleteIfExists(local);
      } catch (IOException e) {
        // A leftover temporary file is harmless.
      }
    }
  }

  /** The bytes of {@code path} on the volume, or empty when the volume has no such file. */
  public Optional<byte[]> bytes(String device, String path) {
    Path local;
    try {
      local = Files.createTempFile("rescuefleet-ntfscat-", ".tmp");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file", e);
    }
    try {
      ProcessResult r = runner.runAllowingFailure(Command.of("ntfscat", device, "/" + path).withStdoutTo(local));
      if (!r.succeeded()) {
        if (r.stderr().contains("No such file or directory")) {
          return Optional.empty();
        }
        throw new ToolFailedException(r, "ntfscat failed (exit " + r.exitCode() + ") reading " + path + " on " + device
            + ": " + r.stderr().strip());
      }
      return Optional.of(Files.readAllBytes(local));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read what ntfscat wrote", e);
    } finally {
      try {
        Files.deleteIfExists(local);
      } catch (IOException e) {
        // A leftover temporary file is harmless.
      }
    }
  }

  /**
   * The text of {@code path} on the volume, or empty when the volume has no such file. A device
   * without NTFS is an error: callers check the filesystem first.
   */
  public Optional<String> text(String device, String path) {
    ProcessResult r = runner.runAllowingFailure(Command.of("ntfscat", device, "/" + path));
    if (r.succeeded()) {
      return Optional.of(r.stdout());
    }
    if (r.stderr().contains("No such file or directory")) {
      return Optional.empty();
    }
    throw new ToolFailedException(r, "ntfscat failed (exit " + r.exitCode() + ") reading " + path + " on " + device
        + ": " + r.stderr().strip());
  }
}
