package io.rescuefleet.station.failure;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.Optional;

/**
 * Reading or writing the stick failed in the operating system: the stick was pulled, its filesystem
 * went away under it, it turned read-only, or it is failing. Reason {@code StickIoError}; the message
 * says what was being done, what the system said, and what that usually means.
 */
public class StickIoException extends StationException {
  public static final String REASON = "StickIoError";

  public StickIoException(String message, Throwable cause) {
    super(REASON, FailureKind.OTHER, message, cause);
  }

  /** {@code doing} (e.g. "copy iso/a.iso (missing)") failed with {@code cause}. */
  public static StickIoException of(String doing, IOException cause) {
    String says = systemSays(cause);
    return new StickIoException(doing + ": " + says + meaning(says), cause);
  }

  /** The I/O error at the root of {@code failure}, if it is one. */
  public static Optional<IOException> ioCause(Throwable failure) {
    IOException found = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        found = io;
      }
    }
    return Optional.ofNullable(found);
  }

  /** What the system said, without the temporary mount path a FileSystemException starts with. */
  public static String systemSays(IOException e) {
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String meaning(String says) {
    if (says.contains("Transport endpoint is not connected") || says.contains("Software caused connection abort")) {
      return " (the stick's filesystem went away: was the stick pulled?)";
    }
    if (says.contains("Input/output error")) {
      return " (the stick did not answer: was it pulled, or is it failing?)";
    }
    if (says.contains("Read-only file system")) {
      return " (the stick turned read-only: write-protected, or failing)";
    }
    return "";
  }
}
