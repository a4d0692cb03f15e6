package io.rescuefleet.operator.fleet;

import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import java.util.List;

/**
 * The highest report sequence applied for one insertion of one stick. Stations number reports per
 * insertion; a report at or below the mark of its insertion was applied before.
 */
public record SequenceMark(String serial, String insertionId, long sequence) {
  /** The marks a drive's status holds (none for a status written before marks existed). */
  public static List<SequenceMark> of(RescueDriveStatus status) {
    if (status == null || status.reportSequences == null) {
      return List.of();
    }
    return status.reportSequences.stream()
        .filter(m -> m.serial != null && m.insertionId != null && m.sequence != null)
        .map(m -> new SequenceMark(m.serial, m.insertionId, m.sequence))
        .toList();
  }

  String scope() {
    return scopeOf(serial, insertionId);
  }

  static String scopeOf(String serial, String insertionId) {
    return serial + "/" + insertionId;
  }
}
