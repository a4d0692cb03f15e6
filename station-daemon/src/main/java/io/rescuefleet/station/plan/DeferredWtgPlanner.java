package io.rescuefleet.station.plan;

import io.rescuefleet.api.resolve.DriveAssignment.ResolvedWtg;
import io.rescuefleet.station.layout.DesiredLayout;
import io.rescuefleet.station.observe.ObservedWtg;
import java.util.List;

/**
 * Windows To Go is not applied by this version: plans nothing and says so, leaving the reserved space
 * and whatever it holds untouched.
 */
public final class DeferredWtgPlanner implements WtgPlanner {
  public static final String REASON = "WtgNotYetSupported";

  @Override
  public Outcome plan(ResolvedWtg desired, ObservedWtg observed, DesiredLayout layout) {
    if (desired == null) {
      return new Outcome(List.of(), List.of());
    }
    return new Outcome(List.of(), List.of(PlanNote.info(REASON, "Windows To Go (WtgProfile \"" + desired.profileName()
        + "\", " + desired.target() + ") is not applied by this version; the reserved space is left as it is")));
  }
}
