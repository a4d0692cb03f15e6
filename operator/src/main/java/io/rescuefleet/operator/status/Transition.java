package io.rescuefleet.operator.status;

/** A condition whose status changed in this pass; {@code from} is null for a condition seen the first time. */
public record Transition(String type, ConditionStatus from, ConditionStatus to, String reason, String message) {}
