package io.rescuefleet.station.plan;

/**
 * Rewrite the manifest without its Windows To Go record before the Windows To Go volume is changed,
 * so the manifest never describes a system that is being rewritten or removed.
 */
public record RetractWtgRecord(String location) implements WtgAction {
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
    return "retract the Windows To Go record (" + location + ") from the manifest before changing it";
  }
}
