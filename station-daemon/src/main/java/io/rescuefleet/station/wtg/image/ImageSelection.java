package io.rescuefleet.station.wtg.image;

import io.rescuefleet.api.resolve.DriveAssignment.ResolvedWtg;

/** Which image of a WIM a WtgProfile asks for: by {@code index} or by {@code edition}, exactly one. */
public record ImageSelection(Integer index, String edition) {
  public ImageSelection {
    if ((index == null) == (edition == null)) {
      throw new IllegalArgumentException("exactly one of index or edition");
    }
  }

  public static ImageSelection of(ResolvedWtg wtg) {
    return new ImageSelection(wtg.index(), wtg.edition());
  }

  public static ImageSelection index(int index) {
    return new ImageSelection(index, null);
  }

  public static ImageSelection edition(String edition) {
    return new ImageSelection(null, edition);
  }

  /** The profile field the selection comes from, for messages. */
  public String field() {
    return index != null ? "spec.index" : "spec.edition";
  }

  @Override
  public String toString() {
    return index != null ? "index " + index : "edition \"" + edition + "\"";
  }
}
