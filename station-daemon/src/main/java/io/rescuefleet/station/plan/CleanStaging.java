package io.rescuefleet.station.plan;

import java.util.List;

/** Remove partial copies an interrupted run left in RescueFleet's staging directory. */
public record CleanStaging(List<String> leftovers) implements Action {
  public CleanStaging {
    leftovers = List.copyOf(leftovers);
  }

  @Override
  public String target() {
    return ".rescuefleet/staging";
  }

  @Override
  public long bytes() {
    return 0;
  }

  @Override
  public String describe() {
    return "remove " + leftovers.size() + " partial cop" + (leftovers.size() == 1 ? "y" : "ies") + " of an interrupted run";
  }
}
