package io.rescuefleet.operator.controller;

import io.rescuefleet.api.resolve.DriveAssignment;
import io.rescuefleet.api.resolve.EffectivePolicy;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.api.wire.Assignments.StationAssignment;
import io.rescuefleet.operator.binding.Binding;
import io.rescuefleet.operator.fleet.DriveRuntime;
import io.rescuefleet.operator.policy.AlertEvaluator;
import io.rescuefleet.operator.policy.AlertFinding;
import io.rescuefleet.operator.policy.AlertInputs;
import io.rescuefleet.operator.policy.AlertKind;
import io.rescuefleet.operator.policy.DrivePhaseRule;
import io.rescuefleet.operator.policy.QuarantineDecision;
import io.rescuefleet.operator.policy.QuarantineRule;
import io.rescuefleet.operator.policy.VerifyPlan;
import io.rescuefleet.operator.policy.VerifySchedule;
import io.rescuefleet.operator.status.ConditionAggregator;
import io.rescuefleet.operator.status.ConditionSet;
import io.rescuefleet.operator.status.ConditionStatus;
import io.rescuefleet.operator.status.ConditionTypes;
import io.rescuefleet.operator.status.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides everything about one drive from what was observed, without side effects: the verify level
 * due for this insertion, the alerts, quarantine, the phase, the conditions (through the one
 * {@link ConditionAggregator}) and the status to record.
 */
final class DrivePlanner {
  private final ConditionAggregator conditions;
  private final DriveStatusFactory statuses;
  private final Clock clock;

  DrivePlanner(ConditionAggregator conditions, DriveStatusFactory statuses, Clock clock) {
    this.conditions = conditions;
    this.statuses = statuses;
    this.clock = clock;
  }

  DrivePlan plan(RescueDrive drive, DriveObservation seen, SpecVerdict spec, Binding binding) {
    Instant now = clock.instant();
    DriveRuntime runtime = seen.runtime();
    DriveAssignment work = spec.effective();
    EffectivePolicy policy = work != null ? work.policy() : seen.state().policy();
    RescueDriveStatus previous = drive.getStatus();
    ConditionSet cs = conditions.from(previous == null ? null : previous.conditions, drive.getMetadata().getGeneration());

    cs.set(ConditionTypes.VALID, ConditionStatus.of(spec.valid()), spec.reason(), spec.message());
    cs.set(ConditionTypes.BOUND, ConditionStatus.of(binding.bound()), binding.state().name(), binding.message());

    VerifyPlan verify = binding.bound()
        ? VerifySchedule.onInsertion(runtime.verifyPlan(), binding.insertionId(), policy, now) : runtime.verifyPlan();

    Set<AlertKind> wasFiring = EnumSet.noneOf(AlertKind.class);
    for (AlertKind kind : AlertKind.driveAlerts()) {
      if (previous != null && previous.conditions != null && previous.conditions.stream()
          .anyMatch(c -> kind.name().equals(c.getType()) && ConditionStatus.True.name().equals(c.getStatus()))) {
        wasFiring.add(kind);
      }
    }
    Integer mismatches = runtime.lastVerify() == null ? null : runtime.lastVerify().mismatches();
    List<AlertFinding> findings = AlertEvaluator.evaluate(new AlertInputs(runtime.write(), runtime.read(),
        runtime.consecutiveFailures(), mismatches, runtime.bytesWritten(), wasFiring), policy);
    Map<AlertKind, Instant> firingSince = new EnumMap<>(AlertKind.class);
    for (AlertFinding f : findings) {
      cs.set(f.kind().name(), f.status(), f.reason(), f.message());
      if (f.firing()) {
        firingSince.put(f.kind(), cs.since(f.kind().name()).orElse(now));
      }
    }
    QuarantineDecision quarantine = QuarantineRule.decide(policy.quarantine(), firingSince, seen.ack(),
        quarantinedSince(previous));
    cs.set(ConditionTypes.QUARANTINED, quarantine.status(), quarantine.reason(), quarantine.message());

    boolean sameInsertion = binding.insertionId() == null || binding.insertionId().equals(runtime.reportedInsertion());
    DrivePhase reported = binding.bound() && sameInsertion ? runtime.reportedPhase() : null;
    DrivePhase phase = DrivePhaseRule.phase(binding.bound(), runtime.lastSeen() != null || previousSeen(previous),
        reported, quarantine.quarantined(), !firingSince.isEmpty());

    synced(cs, binding, work, runtime, phase);
    ready(cs, spec, phase, runtime);

    StationAssignment assignment = binding.bound() && work != null
        ? new StationAssignment(binding.serial(), binding.port(), binding.insertionId(),
            level(verify, policy), !quarantine.quarantined(), work)
        : null;
    RescueDriveStatus status = statuses.build(drive, previous, runtime, binding, work, phase, verify, cs.conditions(), now);
    return new DrivePlan(now, policy, binding, phase, firingSince.keySet(), quarantine.quarantined(), assignment, status,
        cs.transitions());
  }

  private static void synced(ConditionSet cs, Binding binding, DriveAssignment work, DriveRuntime runtime, DrivePhase phase) {
    if (!binding.bound()) {
      cs.set(ConditionTypes.SYNCED, ConditionStatus.Unknown, "StickAbsent", "no station holds the stick");
    } else if (work == null) {
      cs.set(ConditionTypes.SYNCED, ConditionStatus.Unknown, "NoAssignment", "the spec has never resolved");
    } else if (work.contentDigest().equals(runtime.appliedDigest())) {
      cs.set(ConditionTypes.SYNCED, ConditionStatus.True, "ContentMatches",
          "the stick holds assignment " + abbreviate(work.contentDigest()));
    } else {
      String reason = switch (phase) {
        case Drifted -> "DriftDetected";
        case Failed -> failureReason(runtime, "SyncFailed");
        case Quarantined -> "Quarantined";
        default -> "Syncing";
      };
      cs.set(ConditionTypes.SYNCED, ConditionStatus.False, reason, "the stick does not hold assignment "
          + abbreviate(work.contentDigest()) + " yet");
    }
  }

  private static void ready(ConditionSet cs, SpecVerdict spec, DrivePhase phase, DriveRuntime runtime) {
    if (!spec.valid()) {
      cs.set(ConditionTypes.READY, ConditionStatus.False, spec.reason(), spec.message());
      return;
    }
    switch (phase) {
      case Ready -> cs.set(ConditionTypes.READY, ConditionStatus.True, "Ready", "the stick matches its spec");
      case Degraded -> cs.set(ConditionTypes.READY, ConditionStatus.True, "Degraded",
          "the stick matches its spec but is under an alert");
      case Pending -> cs.set(ConditionTypes.READY, ConditionStatus.False, "NoStickSeen", "no station has seen the stick");
      case Absent -> cs.set(ConditionTypes.READY, ConditionStatus.False, "StickAbsent", "no station holds the stick");
      case Reconciling -> cs.set(ConditionTypes.READY, ConditionStatus.False, "Reconciling",
          "a station is making the stick match its spec");
      case Drifted -> cs.set(ConditionTypes.READY, ConditionStatus.False, "Drifted", "the stick differs from its spec");
      case Failed -> cs.set(ConditionTypes.READY, ConditionStatus.False, failureReason(runtime, "ReconcileFailed"),
          runtime.lastOutcome() != null && runtime.lastOutcome().message() != null ? runtime.lastOutcome().message()
              : "the last reconcile failed");
      case Quarantined -> cs.set(ConditionTypes.READY, ConditionStatus.False, "Quarantined",
          "under alert; no writes until acknowledged");
    }
  }

  private static String failureReason(DriveRuntime runtime, String fallback) {
    return runtime.lastOutcome() != null && runtime.lastOutcome().reason() != null ? runtime.lastOutcome().reason() : fallback;
  }

  /** When the drive was quarantined, if its last status says it is. */
  private static Instant quarantinedSince(RescueDriveStatus previous) {
    if (previous == null || previous.conditions == null) {
      return null;
    }
    return previous.conditions.stream()
        .filter(c -> ConditionTypes.QUARANTINED.equals(c.getType()) && ConditionStatus.True.name().equals(c.getStatus()))
        .findFirst().flatMap(c -> Timestamps.parse(c.getLastTransitionTime())).orElse(null);
  }

  private static boolean previousSeen(RescueDriveStatus previous) {
    return previous != null && previous.lastSeen != null;
  }

  private static String abbreviate(String digest) {
    return digest.length() > 12 ? digest.substring(0, 12) : digest;
  }

  /** The verify level the station is told: the plan's, or the policy's mode before any insertion was counted. */
  private static VerifyMode level(VerifyPlan plan, EffectivePolicy policy) {
    return plan.due() != null ? plan.due() : policy.verifyMode();
  }
}
