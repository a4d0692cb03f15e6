package io.rescuefleet.station.plan;

import io.rescuefleet.api.validate.PathRules;
import java.nio.charset.StandardCharsets;

/** Write Ventoy's user menu /ventoy/ventoy_grub.cfg (atomically) with the Windows To Go entry. */
public record WriteVentoyMenu(String content, String why) implements Action {
  @Override
  public String target() {
    return PathRules.VENTOY_GRUB_CFG;
  }

  @Override
  public long bytes() {
    return content.getBytes(StandardCharsets.UTF_8).length;
  }

  @Override
  public String describe() {
    return "write " + PathRules.VENTOY_GRUB_CFG + " (" + why + ")";
  }
}
