package io.rescuefleet.station.wtg;

import io.rescuefleet.station.observe.ObservedWtg;
import io.rescuefleet.station.observe.WtgVolumeState;
import io.rescuefleet.station.wtg.volume.BootConfiguration;
import io.rescuefleet.station.wtg.volume.MarkerRead;
import io.rescuefleet.station.wtg.volume.WtgMarker;
import java.util.List;

/**
 * A Windows To Go system as {@code inspect} and run results report it, from what was observed (its
 * marker), never from what a run meant to do: {@code state} is {@code applied}, {@code damaged}
 * (sampled files differ from the image), {@code incomplete} (no marker: never applied, or interrupted)
 * or {@code unusable} (not NTFS, a VHD without a valid footer, an unreadable marker);
 * {@code bootConfiguration} is {@code generated} or {@code not generated (why)}, null when unknown
 * ({@code bootGenerated} and {@code bootNote} say the same for programs);
 * {@code offlineServicing} says what was written to the image's registry for unattend.xml's offline
 * settings.
 */
public record WtgStatus(
    String target,
    String location,
    String state,
    String detail,
    String profile,
    String imageSha256,
    Integer imageIndex,
    String imageName,
    String edition,
    String bootConfiguration,
    Boolean bootGenerated,
    String bootNote,
    String appliedAt,
    List<String> offlineServicing,
    Integer samplesChecked,
    Integer samplesDiffering) {

  public WtgStatus {
    offlineServicing = offlineServicing == null ? List.of() : List.copyOf(offlineServicing);
  }

  public static List<WtgStatus> of(ObservedWtg observed) {
    return observed == null ? List.of() : observed.volumes().stream().map(WtgStatus::of).toList();
  }

  static WtgStatus of(WtgVolumeState v) {
    Integer checked = v.samples() == null ? null : v.samples().checked();
    Integer differing = v.samples() == null ? null : v.samples().mismatches().size();
    if (v.problem() != null) {
      return unmarked(v, "unusable", v.problem());
    }
    if (v.marker() instanceof MarkerRead.Unreadable u) {
      return unmarked(v, "unusable", "marker unreadable: " + u.why());
    }
    if (!(v.marker() instanceof MarkerRead.Valid valid)) {
      return unmarked(v, "incomplete", "no Windows To Go marker: never applied, or an apply was interrupted");
    }
    WtgMarker m = valid.marker();
    boolean damaged = differing != null && differing > 0;
    boolean generated = m.bootConfiguration() == BootConfiguration.Generated;
    String boot = generated ? "generated" : "not generated (" + m.bootNote() + ")";
    return new WtgStatus(v.target().name(), v.location(), damaged ? "damaged" : "applied",
        damaged ? String.join("; ", v.samples().mismatches()) : null, m.profile(), m.imageSha256(), m.imageIndex(),
        m.imageName(), m.edition(), boot, generated, generated ? null : m.bootNote(), m.appliedAt(), m.offlineServicing(),
        checked, differing);
  }

  /** A volume without a trustworthy marker: nothing is known of what it holds. */
  private static WtgStatus unmarked(WtgVolumeState v, String state, String detail) {
    return new WtgStatus(v.target().name(), v.location(), state, detail, null, null, null, null, null, null, null, null,
        null, null, null, null);
  }
}
