package io.rescuefleet.operator.metrics;

import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.operator.policy.AlertKind;
import java.util.Map;

/** The current counts behind the operator's gauges, computed when Prometheus scrapes. */
public interface FleetGauges {
  Map<DrivePhase, Long> drivesByPhase();

  Map<AlertKind, Long> alertsFiring();

  long quarantinedDrives();

  /** Every known station and whether it is online. */
  Map<String, Boolean> stationsUp();
}
