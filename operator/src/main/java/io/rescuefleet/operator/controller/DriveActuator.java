package io.rescuefleet.operator.controller;

import io.rescuefleet.api.resolve.EffectivePolicy;
import io.rescuefleet.api.v1alpha1.ApiConstants;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveSpec;
import io.rescuefleet.operator.binding.Binding;
import io.rescuefleet.operator.fleet.DriveState;
import io.rescuefleet.operator.fleet.FleetState;
import io.rescuefleet.operator.policy.VerifySchedule;
import io.rescuefleet.operator.stationapi.AssignmentBoard;
import io.rescuefleet.operator.trigger.StatusCoalescer;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries out a drive's plan: records the decisions in the fleet state, hands the assignment to the
 * station holding the stick (or withdraws it), and has the station and the referenced objects
 * reconciled when what their status shows (ports, usedBy) changed. Also forgets deleted drives.
 */
final class DriveActuator {
  private final FleetState fleet;
  private final AssignmentBoard board;
  private final InboundTriggers triggers;
  private final StatusCoalescer coalescer;
  private final ConcurrentHashMap<String, References> references = new ConcurrentHashMap<>();

  DriveActuator(FleetState fleet, AssignmentBoard board, InboundTriggers triggers, StatusCoalescer coalescer) {
    this.fleet = fleet;
    this.board = board;
    this.triggers = triggers;
    this.coalescer = coalescer;
  }

  void act(RescueDrive drive, DriveObservation seen, DrivePlan plan) {
    DriveState state = seen.state();
    Binding before = state.binding();
    EffectivePolicy policyBefore = state.policy();
    if (plan.binding().bound()) {
      state.updatePlan(p -> VerifySchedule.onInsertion(p, plan.binding().insertionId(), plan.policy(), plan.now()));
    }
    fleet.decided(state, plan.policy(), plan.binding(), plan.phase(), plan.firing(), plan.quarantined());
    if (plan.work() != null) {
      board.publish(seen.key(), plan.binding().station(), plan.work());
    } else {
      board.withdraw(seen.key());
    }
    String stationBefore = before != null && before.bound() ? before.station() : null;
    String stationNow = plan.binding().bound() ? plan.binding().station() : null;
    if (!Objects.equals(stationBefore, stationNow) || before != null && !Objects.equals(before.port(), plan.binding().port())) {
      if (stationBefore != null) {
        triggers.station(stationBefore);
      }
      if (stationNow != null) {
        triggers.station(stationNow);
      }
    } else if (stationPolicyChanged(policyBefore, plan.policy())) {
      // The station's heartbeat timeout and sampling interval come from its drives' policies.
      if (stationNow != null) {
        triggers.station(stationNow);
      }
      RescueDriveSpec spec = drive.getSpec();
      if (spec != null && spec.claim != null && spec.claim.station != null && !spec.claim.station.equals(stationNow)) {
        triggers.station(spec.claim.station);
      }
    }
    References now = References.of(drive);
    References was = references.put(seen.key(), now);
    if (!now.equals(was)) {
      touch(was);
      touch(now);
    }
  }

  private static boolean stationPolicyChanged(EffectivePolicy before, EffectivePolicy now) {
    return before.stationHeartbeatTimeoutSeconds() != now.stationHeartbeatTimeoutSeconds()
        || before.throughputIntervalSeconds() != now.throughputIntervalSeconds();
  }

  void forget(RescueDrive drive) {
    String key = ObjectKeys.key(drive);
    DriveState state = fleet.existingDrive(key).orElse(null);
    fleet.forgetDrive(key);
    board.withdraw(key);
    coalescer.forget(key);
    if (state != null && state.binding() != null && state.binding().bound()) {
      triggers.station(state.binding().station());
    }
    touch(references.remove(key));
  }

  private void touch(References refs) {
    if (refs == null) {
      return;
    }
    if (refs.catalog != null) {
      triggers.catalog(refs.namespace, refs.catalog);
    }
    if (refs.wtgProfile != null) {
      triggers.wtgProfile(refs.namespace, refs.wtgProfile);
    }
    triggers.policy(refs.namespace, refs.policy);
  }

  /** What a drive references; the referenced objects' status counts it. */
  private record References(String namespace, String catalog, String wtgProfile, String policy) {
    static References of(RescueDrive drive) {
      RescueDriveSpec spec = drive.getSpec();
      return new References(drive.getMetadata().getNamespace(),
          spec == null || spec.catalogRef == null ? null : spec.catalogRef.name,
          spec == null || spec.wtgProfileRef == null ? null : spec.wtgProfileRef.name,
          spec == null || spec.policyRef == null ? ApiConstants.DEFAULT_POLICY_NAME : spec.policyRef.name);
    }
  }
}
