package io.rescuefleet.station.fs;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Resolves a path on a mounted stick volume and refuses one that would leave it. On-stick data (the
 * manifest, a marker) names such paths and the station runs as root: a crafted stick must not get a
 * file of the host read or deleted. Checked where a path meets the filesystem, whatever checked it
 * before.
 */
public final class StickPaths {
  private StickPaths() {}

  /** {@code relative} under {@code root}; throws {@link PathOutsideVolumeException} for '..', absolute or NUL paths. */
  public static Path resolve(Path root, String relative) {
    if (relative == null || relative.isEmpty() || relative.indexOf('\0') >= 0 || relative.startsWith("/")
        || relative.indexOf('\\') >= 0) {
      throw new PathOutsideVolumeException(relative, root);
    }
    Path base = root.toAbsolutePath().normalize();
    Path resolved;
    try {
      resolved = base.resolve(relative).normalize();
    } catch (InvalidPathException e) {
      throw new PathOutsideVolumeException(relative, root);
    }
    if (!resolved.startsWith(base) || resolved.equals(base)) {
      throw new PathOutsideVolumeException(relative, root);
    }
    return resolved;
  }
}
