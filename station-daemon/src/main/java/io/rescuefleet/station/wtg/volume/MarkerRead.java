package io.rescuefleet.station.wtg.volume;

/** What reading a Windows To Go volume's marker gave. Anything but {@link Valid} means "not a good apply". */
public sealed interface MarkerRead {
  record Valid(WtgMarker marker) implements MarkerRead {}

  /** No marker: a fresh, foreign or half-applied volume. */
  record Absent() implements MarkerRead {}

  /** A marker that cannot be trusted. */
  record Unreadable(String why) implements MarkerRead {}

  default java.util.Optional<WtgMarker> valid() {
    return this instanceof Valid v ? java.util.Optional.of(v.marker()) : java.util.Optional.empty();
  }
}
