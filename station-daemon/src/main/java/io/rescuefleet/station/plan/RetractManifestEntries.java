package io.rescuefleet.station.plan;

import java.util.List;

/**
 * Rewrite the manifest without the files this run is about to replace or delete, before touching
 * them, so that the manifest never lists a file whose content is not the verified one, even if the
 * run dies half way.
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
    return "retract " + paths.size() + " file" + (paths.size() == 1 ? "" : "s") + " from the manifest before changing them";
  }
}
