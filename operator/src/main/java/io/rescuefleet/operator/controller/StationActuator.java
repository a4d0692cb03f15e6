package io.rescuefleet.operator.controller;

import io.rescuefleet.api.wire.Heartbeat.StickInfo;
import io.rescuefleet.operator.fleet.FleetState;
import io.rescuefleet.operator.fleet.StationPresence;
import io.rescuefleet.operator.fleet.StationState;
import io.rescuefleet.operator.metrics.OperatorMetrics;
import io.rescuefleet.operator.trigger.StatusCoalescer;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Carries out a station's plan: records its timeout and sampling interval for the station API and
 * its port labels for the fleet view, starts its metric series at zero, and has its drives re-bound when it goes offline or is deleted (their sticks no longer count as
 * present).
 */
final class StationActuator {
  private final FleetState fleet;
  private final DriveIndex drives;
  private final StatusCoalescer coalescer;
  private final OperatorMetrics metrics;

  StationActuator(FleetState fleet, DriveIndex drives, StatusCoalescer coalescer, OperatorMetrics metrics) {
    this.fleet = fleet;
    this.drives = drives;
    this.coalescer = coalescer;
    this.metrics = metrics;
  }

  void act(String name, StationState state, StationPlan plan) {
    state.timeout(plan.timeout());
    state.samplingInterval(plan.samplingInterval());
    state.portLabels(plan.portLabels());
    metrics.stationKnown(name);
    if (plan.wentOffline()) {
      coalescer.drives(affectedDrives(name, serials(state.presence())));
    }
  }

  void forget(String name) {
    Set<String> affected = affectedDrives(name, fleet.forgetStation(name));
    metrics.forgetStation(name);
    coalescer.drives(affected);
  }

  private Set<String> affectedDrives(String station, Set<String> serials) {
    Set<String> affected = new TreeSet<>(fleet.drivesBoundTo(station));
    affected.addAll(drives.claimingStation(station));
    serials.forEach(serial -> affected.addAll(drives.namingSerial(serial)));
    return affected;
  }

  private static Set<String> serials(StationPresence presence) {
    return presence.sticksByPort().values().stream().map(StickInfo::serial).collect(Collectors.toSet());
  }
}
