package io.rescuefleet.faults.check;

import io.rescuefleet.station.engine.Inspection;
import io.rescuefleet.station.wtg.WtgStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What {@code inspect} claims about a stick that the independent reader found untrue. */
public final class InspectAudit {
  private InspectAudit() {}

  public static List<String> falseClaims(Inspection inspection, StickContents stick) {
    List<String> out = new ArrayList<>();
    for (Inspection.FileView f : inspection.files()) {
      if (!"verified".equals(f.state()) || f.sha256() == null) {
        continue;
      }
      StickContents.FileFact have = stick.files().get(f.path());
      if (have == null || !have.sha256().equals(f.sha256())) {
        out.add("inspect calls " + f.path() + " verified (" + f.sha256().substring(0, 12) + "), the stick holds "
            + (have == null ? "no such file" : have.sha256().substring(0, 12)));
      }
    }
    for (WtgStatus w : inspection.windowsToGo()) {
      if (!"applied".equals(w.state())) {
        continue;
      }
      StickContents.WtgVolume v = stick.wtg();
      boolean intact = v != null && v.problem() == null && v.differences().isEmpty()
          && Objects.equals(v.markerImageSha256(), w.imageSha256()) && Objects.equals(v.markerIndex(), w.imageIndex());
      if (!intact) {
        out.add("inspect calls Windows To Go on " + w.location() + " applied, but "
            + (v == null ? "there is no such volume" : v.problem() != null ? v.problem()
                : !v.differences().isEmpty() ? "it differs from its image" : "its marker names another image"));
      }
    }
    return out;
  }
}
