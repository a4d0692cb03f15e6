package io.rescuefleet.station.plan;

import io.rescuefleet.api.validate.PathRules;

/** Delete the /ventoy/ventoy_grub.cfg RescueFleet wrote, once nothing on the stick is left for it to boot. */
public record RemoveVentoyMenu(String why) implements Action {
  @Override
  public String target() {
    return PathRules.VENTOY_GRUB_CFG;
  }

  @Override
  public long bytes() {
    return 0;
  }

  @Override
  public String describe() {
    return "delete " + PathRules.VENTOY_GRUB_CFG + " (" + why + ")";
  }
}
