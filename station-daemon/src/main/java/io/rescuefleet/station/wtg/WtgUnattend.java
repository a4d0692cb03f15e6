package io.rescuefleet.station.wtg;

import io.rescuefleet.api.resolve.DriveAssignment.ResolvedWtg;
import io.rescuefleet.station.verify.Digests;
import io.rescuefleet.station.wtg.unattend.UnattendSettings;
import io.rescuefleet.station.wtg.unattend.UnattendXml;

/** The unattend.xml one stick gets from a profile, and its digest, the same for planner and executor. */
public final class WtgUnattend {
  private WtgUnattend() {}

  /** @param architecture the applied image's, or null for x64 */
  public static byte[] render(ResolvedWtg wtg, String serial, String architecture) {
    return UnattendXml.render(UnattendSettings.of(wtg, serial, architecture));
  }

  public static String sha256(ResolvedWtg wtg, String serial, String architecture) {
    return Digests.sha256(render(wtg, serial, architecture));
  }
}
