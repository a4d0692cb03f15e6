package io.rescuefleet.station.plan;

import io.rescuefleet.api.validate.PathRules;
import java.nio.charset.StandardCharsets;

/** Write the generated /ventoy/ventoy.json (atomically). */
public record WriteVentoyJson(String content, String sha256, String why) implements Action {
  @Override
  public String target() {
    return PathRules.VENTOY_JSON;
  }

  @Override
  public long bytes() {
    return content.getBytes(StandardCharsets.UTF_8).length;
  }

  @Override
  public String describe() {
    return "write " + PathRules.VENTOY_JSON + " (" + why + ")";
  }
}
