package io.rescuefleet.station.plan;

/** Read a freshly written file back from the device and compare its SHA-256; only then may the manifest list it. */
public record VerifyFile(String path, String entry, String sha256, long size) implements Action {
  @Override
  public String target() {
    return path;
  }

  @Override
  public long bytes() {
    return size;
  }

  @Override
  public boolean writesToStick() {
    return false;
  }

  @Override
  public String describe() {
    return "verify " + path + " from the device";
  }
}
