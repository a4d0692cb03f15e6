package io.rescuefleet.faults.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a stick's manifest vouches for that the stick does not hold: a listed file missing or with
 * other content than the manifest says, or a recorded Windows To Go system that is not on its volume
 * exactly as its image has it. Any such thing is verified content lost.
 */
public final class ManifestAudit {
  private ManifestAudit() {}

  public static List<String> broken(StickContents stick) {
    List<String> out = new ArrayList<>();
    StickContents.Manifest m = stick.manifest();
    if (m == null) {
      return out;
    }
    for (StickContents.Listed f : m.files()) {
      StickContents.FileFact have = stick.files().get(f.path());
      if (have == null) {
        out.add("the manifest lists " + f.path() + ", which is missing");
      } else if (have.size() != f.size() || !have.sha256().equals(f.sha256())) {
        out.add("the manifest lists " + f.path() + " with SHA-256 " + f.sha256().substring(0, 12) + ", the stick holds "
            + have.size() + " bytes of " + have.sha256().substring(0, 12));
      }
    }
    if (m.wtg() != null) {
      out.addAll(wtgProblems(m.wtg(), stick.wtg()));
    }
    return out;
  }

  /** How the volume fails the manifest's Windows To Go record; empty when it is that apply, intact. */
  static List<String> wtgProblems(StickContents.WtgClaim claim, StickContents.WtgVolume volume) {
    List<String> out = new ArrayList<>();
    if (volume == null) {
      out.add("the manifest records Windows To Go on " + claim.location() + ", which does not exist");
    } else if (volume.problem() != null) {
      out.add("the manifest records Windows To Go, but " + volume.problem());
    } else if (!Objects.equals(volume.markerApplyId(), claim.applyId())) {
      out.add("the manifest records Windows To Go apply " + claim.applyId() + ", the volume's marker says "
          + volume.markerApplyId());
    } else if (!volume.differences().isEmpty()) {
      out.add("the recorded Windows To Go volume differs from its image: "
          + String.join(", ", volume.differences().subList(0, Math.min(3, volume.differences().size()))));
    }
    return out;
  }
}
