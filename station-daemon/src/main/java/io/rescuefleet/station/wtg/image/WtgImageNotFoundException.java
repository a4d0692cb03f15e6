package io.rescuefleet.station.wtg.image;

import io.rescuefleet.station.failure.FailureKind;
import io.rescuefleet.station.failure.StationException;

/**
 * A WtgProfile selects an image its WIM does not have (or an edition several images match); the
 * message lists the images there are. Reason {@code WtgImageNotFound}, invalid input.
 */
public class WtgImageNotFoundException extends StationException {
  public static final String REASON = "WtgImageNotFound";

  public WtgImageNotFoundException(String message) {
    super(REASON, FailureKind.INVALID_INPUT, message);
  }
}
