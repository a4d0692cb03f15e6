package io.rescuefleet.faults.hostile;

import io.rescuefleet.faults.lab.DriveSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * A hostile condition set up for one run: the spec to apply, the stick's image, the target to name
 * (the image, or a device over it), extra CLI arguments, how to take the condition away again, and the
 * spec the next insertion must converge to once it is gone (null: nothing to recover).
 */
public record Arranged(DriveSpec spec, Path image, String target, List<String> extraArgs, Runnable undo,
    DriveSpec recovery, String detail) {

  public Arranged {
    extraArgs = List.copyOf(extraArgs);
  }
}
