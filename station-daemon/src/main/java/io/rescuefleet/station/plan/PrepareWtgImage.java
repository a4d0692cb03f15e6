package io.rescuefleet.station.plan;

/**
 * Read the profile's WIM from the cache and check the profile against it: the image its index or
 * edition selects, its driver folder. Writes nothing; runs with the fetches, so invalid input stops a
 * run before anything on the stick changes.
 */
public record PrepareWtgImage(String profile, String sha256, Integer index, String edition, String driversPath)
    implements WtgAction {
  @Override
  public String target() {
    return "cache/" + sha256.substring(0, 12);
  }

  @Override
  public long bytes() {
    return -1;
  }

  @Override
  public boolean writesToStick() {
    return false;
  }

  @Override
  public String describe() {
    return "check " + (index != null ? "image " + index : "edition \"" + edition + "\"") + " of WtgProfile \"" + profile
        + "\"'s image " + sha256.substring(0, 12);
  }
}
