package io.rescuefleet.operator.fleet;

/** Read-only access to the operator's live view of the fleet (for the fleet-health page and its JSON). */
public interface FleetView {
  FleetSnapshot snapshot();
}
