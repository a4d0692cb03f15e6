package io.rescuefleet.station.fs;

import io.rescuefleet.station.failure.FailureKind;
import io.rescuefleet.station.failure.StationException;

/** A path that would leave the stick's volume was about to be used. Reason {@code PathOutsideVolume}. */
public final class PathOutsideVolumeException extends StationException {
  public static final String REASON = "PathOutsideVolume";

  public PathOutsideVolumeException(String path, java.nio.file.Path root) {
    super(REASON, FailureKind.REFUSED, "refusing path " + shown(path) + ": it is not inside the volume at " + root);
  }

  private static String shown(String path) {
    if (path == null) {
      return "(none)";
    }
    String printable = path.replaceAll("\\p{Cntrl}", "?");
    return "\"" + (printable.length() <= 80 ? printable : printable.substring(0, 77) + "...") + "\"";
  }
}
