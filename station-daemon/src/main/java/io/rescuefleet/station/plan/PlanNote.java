package io.rescuefleet.station.plan;

/**
 * Something the plan cannot do or wants said, with a CamelCase reason: information, a part of the
 * spec that stays unconverged while the rest proceeds, or a refusal to touch the stick at all.
 */
public record PlanNote(Severity severity, String reason, String message) {

  /** How a note affects the run. */
  public enum Severity {
    /** Said, changes nothing. */
    INFO,
    /** The rest of the plan runs, but the stick will not match its spec. */
    UNCONVERGED,
    /** Nothing of the plan runs. */
    REFUSED
  }

  public static PlanNote info(String reason, String message) {
    return new PlanNote(Severity.INFO, reason, message);
  }

  public static PlanNote unconverged(String reason, String message) {
    return new PlanNote(Severity.UNCONVERGED, reason, message);
  }

  public static PlanNote refused(String reason, String message) {
    return new PlanNote(Severity.REFUSED, reason, message);
  }
}
