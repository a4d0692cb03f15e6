package io.rescuefleet.station.plan;

import java.util.List;

/**
 * Rewrite the manifest without the files this run is about to replace or delete (and without
 * ventoy.json's hash when it is rewritten), and without its claim of a spec, before touching any of
 * them or the layout: the manifest never vouches for content or a spec the stick does not hold, even if
 * the run dies half way. With no paths it withdraws the claim alone, before the layout changes.
 */
public record RetractManifestEntries(List<String> paths) implements Action {
  public RetractManifestEntries {
    paths = List.copyOf(paths);
  }

  @Override
  public String target() {
    return ".rescuefleet/manifest.json";
  }

  @Override
  public long bytes() {
    return 0;
  }

  @Override
  public String describe() {
    if (paths.isEmpty()) {
      return "withdraw the manifest's claim of the applied spec before changing the layout";
    }
    return "retract " + paths.size() + " file" + (paths.size() == 1 ? "" : "s") + " from the manifest before changing them";
  }
}
