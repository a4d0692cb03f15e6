package io.rescuefleet.station.plan;

import io.rescuefleet.api.resolve.DriveAssignment.ResolvedSignature;

/**
 * Bring an image into the station's cache and verify it (SHA-256, and the detached signature when the
 * catalog gives one); touches no stick.
 */
public record FetchImage(String entry, String url, String sha256, long size, ResolvedSignature signature)
    implements Action {
  @Override
  public String target() {
    return "cache/" + sha256.substring(0, 12);
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
    return "fetch " + entry + " from " + url + (signature == null ? "" : " (GPG-checked)");
  }
}
