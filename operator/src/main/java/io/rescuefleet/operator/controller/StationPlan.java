package io.rescuefleet.operator.controller;

import io.rescuefleet.api.v1alpha1.ImagingStationStatus;
import io.rescuefleet.operator.status.Transition;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What reconciling a station decided: the heartbeat timeout and sampling interval its drives'
 * policies give it, the labels of its ports (for the fleet view), whether it is online and for how
 * long more, and the status to record.
 */
record StationPlan(
    Duration timeout,
    double samplingInterval,
    Map<String, String> portLabels,
    boolean online,
    boolean wentOffline,
    Duration untilOffline,
    ImagingStationStatus status,
    List<Transition> transitions) {}
