package io.rescuefleet.station.execute;

import java.util.List;

/**
 * The reports of the actions that ran (the failed one last, if any) and the bytes written to and read
 * from the stick; {@code failure} is the exception that stopped the run, or null.
 */
public record ExecutionResult(List<ActionReport> reports, long bytesWritten, long bytesRead, RuntimeException failure) {
  public ExecutionResult {
    reports = List.copyOf(reports);
  }
}
