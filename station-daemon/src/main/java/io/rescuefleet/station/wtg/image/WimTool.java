package io.rescuefleet.station.wtg.image;

import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * wimlib-imagex, for what RescueFleet asks of a WIM or ESD: its XML ({@code info --extract-xml}),
 * an image's listing with content hashes ({@code dir --detailed}) and applying an image straight to an
 * unmounted NTFS volume ({@code apply}, through libntfs-3g: ACLs, attributes, short names, streams and
 * reparse points as Windows would have them).
 */
public final class WimTool {
  /** A slow stick still writes this fast; an apply taking longer is stuck. */
  private static final long SLOWEST_BYTES_PER_SECOND = 2L << 20;

  private final ProcessRunner runner;

  public WimTool(ProcessRunner runner) {
    this.runner = runner;
  }

  public WimInfo info(Path wim) {
    Path xml = temp("rescuefleet-wim-", ".xml");
    try {
      runner.run(Command.of("wimlib-imagex", "info", wim.toString(), "--extract-xml=" + xml));
      return WimXml.parse(Files.readAllBytes(xml));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the XML of " + wim, e);
    } finally {
      delete(xml);
    }
  }

  /** Streams image {@code index}'s listing into {@code each}. */
  public void list(Path wim, int index, Consumer<WimFile> each) {
    Path listing = temp("rescuefleet-wim-", ".lst");
    try {
      runner.run(Command.of("wimlib-imagex", "dir", wim.toString(), Integer.toString(index), "--detailed")
          .withStdoutTo(listing));
      try (BufferedReader in = Files.newBufferedReader(listing, StandardCharsets.UTF_8)) {
        WimListing.read(in, each);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the listing of image " + index + " of " + wim, e);
    } finally {
      delete(listing);
    }
  }

  /**
   * Applies image {@code index} to the NTFS volume on {@code device}.
   *
   * @param bytes the image's size, to allow a slow stick enough time
   * @param progress gets the bytes of file data extracted, as increments, while wimlib works
   */
  public void apply(Path wim, int index, String device, long bytes, LongConsumer progress) {
    Path output = temp("rescuefleet-apply-", ".log");
    try (ProgressFollower follower = new ProgressFollower(output, progress)) {
      Duration limit = Duration.ofMinutes(10).plusSeconds(Math.max(0, bytes) / SLOWEST_BYTES_PER_SECOND);
      runner.run(Command.of("wimlib-imagex", "apply", wim.toString(), Integer.toString(index), device)
          .withStdoutTo(output).withTimeout(limit));
    } finally {
      delete(output);
    }
  }

  /**
   * Extracts files of image {@code index} to {@code dir}, keeping their paths below it (without ACLs:
   * they are staged on the station, not applied).
   */
  public void extract(Path wim, int index, List<String> paths, Path dir) {
    Path list = temp("rescuefleet-extract-", ".lst");
    try {
      Files.write(list, paths, StandardCharsets.UTF_8);
      runner.run(Command.of("wimlib-imagex", "extract", wim.toString(), Integer.toString(index), "@" + list,
          "--dest-dir=" + dir, "--preserve-dir-structure", "--no-acls", "--no-globs")
          .withStdoutTo(Path.of("/dev/null")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the files to extract from " + wim, e);
    } finally {
      delete(list);
    }
  }

  private static Path temp(String prefix, String suffix) {
    try {
      return Files.createTempFile(prefix, suffix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file", e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover temporary file is harmless; the run's result matters more.
    }
  }
}
