package io.rescuefleet.operator.controller;

import io.rescuefleet.api.resolve.EffectivePolicy;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.api.wire.Assignments.StationAssignment;
import io.rescuefleet.operator.binding.Binding;
import io.rescuefleet.operator.policy.AlertKind;
import io.rescuefleet.operator.status.Transition;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What reconciling a drive decided: the status to record (and which conditions changed), the work to
 * hand its station ({@code work} null: none), and the decisions the rest of the operator reads.
 */
record DrivePlan(
    Instant now,
    EffectivePolicy policy,
    Binding binding,
    DrivePhase phase,
    Set<AlertKind> firing,
    boolean quarantined,
    StationAssignment work,
    RescueDriveStatus status,
    List<Transition> transitions) {}
