package io.rescuefleet.station.connected;

import java.util.List;

/** Where the daemon finds sticks: USB discovery on a real station, an image hub in demos and tests. */
@FunctionalInterface
public interface StickSource {
  List<PresentStick> scan();
}
