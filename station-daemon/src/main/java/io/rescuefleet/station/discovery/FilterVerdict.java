package io.rescuefleet.station.discovery;

/** One filter's decision about one device: include or exclude, and why, in words a technician reads. */
public record FilterVerdict(String filter, boolean include, String reason) {

  public static FilterVerdict include(String filter, String reason) {
    return new FilterVerdict(filter, true, reason);
  }

  public static FilterVerdict exclude(String filter, String reason) {
    return new FilterVerdict(filter, false, reason);
  }
}
