package io.rescuefleet.station.process;

import io.rescuefleet.station.failure.FailureKind;
import io.rescuefleet.station.failure.StationException;

/** A tool exited with a code that means failure, or timed out. Reason {@code ToolFailed}. */
public class ToolFailedException extends StationException {
  public static final String REASON = "ToolFailed";

  private final ProcessResult result;

  public ToolFailedException(ProcessResult result, String message) {
    super(REASON, FailureKind.OTHER, message);
    this.result = result;
  }

  /** The failed run, or null when the tool never produced a result (timeout). */
  public ProcessResult result() {
    return result;
  }
}
