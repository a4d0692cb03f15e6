package io.rescuefleet.faults.check;

import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each image of a WIM holds, file by file with SHA-256: extracted once with wimlib-imagex to a
 * directory and hashed, so a Windows To Go volume can be checked against the image itself rather than
 * against what the station recorded about it.
 */
public final class WimReference {
  private final ProcessRunner runner;
  private final Path workDir;
  private final Map<String, Path> wims = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> files = new ConcurrentHashMap<>();

  public WimReference(ProcessRunner runner, Path workDir) {
    this.runner = runner;
    this.workDir = workDir;
  }

  /** Makes the WIM with this SHA-256 known. */
  public void add(String sha256, Path wim) {
    wims.put(sha256, wim);
  }

  /** Path (relative, '/'-separated) to SHA-256 of every regular file of image {@code index}; empty for an unknown WIM. */
  public Map<String, String> files(String sha256, int index) {
    Path wim = wims.get(sha256);
    if (wim == null) {
      return Map.of();
    }
    return files.computeIfAbsent(sha256 + "#" + index, k -> extract(wim, sha256, index));
  }

  private Map<String, String> extract(Path wim, String sha256, int index) {
    Path dir = workDir.resolve(sha256.substring(0, 12) + "-" + index);
    try {
      Files.createDirectories(dir.getParent());
      runner.run(Command.of("wimlib-imagex", "apply", wim.toString(), Integer.toString(index), dir.toString()));
      return Hashing.tree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract image " + index + " of " + wim, e);
    }
  }
}
