package io.rescuefleet.station.process;

import io.rescuefleet.station.failure.FailureKind;
import io.rescuefleet.station.failure.StationException;

/** A tool the engine needs is not installed. Reason {@code ToolMissing}. */
public class ToolMissingException extends StationException {
  public static final String REASON = "ToolMissing";

  public ToolMissingException(String tool) {
    super(REASON, FailureKind.OTHER, tool + " is not installed (run bin/setup)");
  }
}
