package io.rescuefleet.station.connected;

import io.rescuefleet.api.wire.Assignments.StationAssignment;

/**
 * Whether a run in progress must stop because the operator no longer lets it write: the drive was
 * quarantined while its stick was being written. Pure.
 */
final class WriteRevocation {
  private WriteRevocation() {}

  /**
   * @param runWrites whether the run was started with writes allowed
   * @param runInsertion the insertion the run works on
   * @param now the stick's assignment as just received, or null when it has none
   */
  static boolean revokes(boolean runWrites, String runInsertion, StationAssignment now) {
    return runWrites && now != null && !now.writesAllowed()
        && (now.insertionId() == null || now.insertionId().equals(runInsertion));
  }
}
