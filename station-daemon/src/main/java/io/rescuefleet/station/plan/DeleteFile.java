package io.rescuefleet.station.plan;

/** Delete a file RescueFleet wrote that is no longer in the spec. */
public record DeleteFile(String path, long size, String why) implements Action {
  @Override
  public String target() {
    return path;
  }

  @Override
  public long bytes() {
    return 0;
  }

  @Override
  public String describe() {
    return "delete " + path + " (" + why + ")";
  }
}
