package io.rescuefleet.station.plan;

import io.rescuefleet.station.manifest.StickManifest;

/**
 * Record in the manifest a Windows To Go system found complete and as the profile wants it (its marker
 * says so) that the manifest does not record: an apply whose run ended before its manifest was written.
 * Writes nothing itself; the manifest written last carries the record.
 */
public record RecordWtg(StickManifest.WtgRecord record) implements WtgAction {
  @Override
  public String target() {
    return record.location();
  }

  @Override
  public long bytes() {
    return 0;
  }

  @Override
  public boolean writesToStick() {
    return false;
  }

  @Override
  public String describe() {
    return "record the Windows To Go system complete at " + record.location() + " (applied by a run that ended "
        + "before its manifest)";
  }
}
