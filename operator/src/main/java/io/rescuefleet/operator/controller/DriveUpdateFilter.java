package io.rescuefleet.operator.controller;

import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.rescuefleet.api.v1alpha1.ApiConstants;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import java.util.Map;
import java.util.Objects;

/**
 * Reconciles a drive on a spec change (new generation), on a change of the acknowledgement
 * annotation, or on deletion; ignores the status writes the operator makes itself.
 */
public final class DriveUpdateFilter implements OnUpdateFilter<RescueDrive> {
  @Override
  public boolean accept(RescueDrive updated, RescueDrive old) {
    return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
        || !Objects.equals(ack(updated), ack(old))
        || !Objects.equals(updated.getMetadata().getDeletionTimestamp(), old.getMetadata().getDeletionTimestamp());
  }

  private static String ack(RescueDrive drive) {
    Map<String, String> annotations = drive.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ApiConstants.ACKNOWLEDGE_ANNOTATION);
  }
}
