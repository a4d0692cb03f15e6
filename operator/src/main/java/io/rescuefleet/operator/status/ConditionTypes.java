package io.rescuefleet.operator.status;

/** Condition types the operator sets; alert conditions are named after {@code AlertKind}. */
public final class ConditionTypes {
  public static final String READY = "Ready";
  public static final String VALID = "Valid";
  public static final String BOUND = "Bound";
  public static final String SYNCED = "Synced";
  public static final String QUARANTINED = "Quarantined";
  public static final String ONLINE = "Online";

  private ConditionTypes() {}
}
