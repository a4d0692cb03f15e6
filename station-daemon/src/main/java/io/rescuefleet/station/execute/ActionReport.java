package io.rescuefleet.station.execute;

import io.rescuefleet.api.wire.ReportBatch.Direction;

/**
 * How one executed action went: the bytes it moved and in which direction (written to the stick as the
 * device counted them, fsync included; read from the stick, for verification; null for work that does
 * not touch the stick, such as fetching a source), the seconds it took, and the error if it failed.
 */
public record ActionReport(String type, String path, String description, Direction direction, long bytes,
    double seconds, boolean ok, String error) {

  public double mbps() {
    return seconds <= 0 ? 0 : bytes / seconds / 1_000_000.0;
  }
}
