package io.rescuefleet.operator.fleet;

import java.time.Instant;

/** One drift found on a stick: when, where, and whether the station corrected it. */
public record DriftRecord(Instant time, String station, String port, boolean corrected) {}
