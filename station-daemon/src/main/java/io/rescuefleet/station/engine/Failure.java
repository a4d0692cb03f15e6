package io.rescuefleet.station.engine;

import io.rescuefleet.station.failure.FailureKind;

/** Why a run did not converge: a CamelCase condition reason, one line saying what and where, and its kind. */
public record Failure(String reason, String message, FailureKind kind) {}
