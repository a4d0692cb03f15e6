package io.rescuefleet.station.connected;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.Supplier;

/**
 * The station token, read from its file and read again when the file changes, so a rotated Secret
 * (a new token written by a person or the kubelet) is picked up without restarting the daemon.
 */
public final class TokenFile implements Supplier<String> {
  private final Path file;
  private FileTime readAt;
  private String token;

  public TokenFile(Path file) {
    this.file = file;
  }

  @Override
  public synchronized String get() {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (token == null || !modified.equals(readAt)) {
        token = Files.readString(file).strip();
        readAt = modified;
      }
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the station token " + file, e);
    }
  }
}
