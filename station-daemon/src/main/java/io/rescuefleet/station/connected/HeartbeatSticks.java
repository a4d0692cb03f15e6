package io.rescuefleet.station.connected;

import io.rescuefleet.api.v1alpha1.ApiConstants;
import io.rescuefleet.api.wire.Heartbeat;
import io.rescuefleet.api.wire.WireText;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The sticks present as heartbeat entries the operator accepts. One stick the operator would refuse
 * must not get the whole heartbeat refused (and the station taken for offline): a stick without a
 * usable serial or USB port is left out with the reason, and vendor and model, which a stick chooses
 * itself, are made one printable line. Pure.
 */
final class HeartbeatSticks {
  private static final Pattern SERIAL = Pattern.compile(ApiConstants.SERIAL_PATTERN);
  private static final Pattern PORT = Pattern.compile(ApiConstants.USB_PORT_PATTERN);

  /** The entries to send, and why each stick left out was. */
  record Composed(List<Heartbeat.StickInfo> sticks, List<String> leftOut) {}

  private HeartbeatSticks() {}

  static Composed of(List<Insertions.Present> present) {
    return of(present, p -> new StickIdentity(null, null));
  }

  /** As {@link #of(List)}, each stick with the drive identity its manifest gave ({@code identity}). */
  static Composed of(List<Insertions.Present> present, Function<Insertions.Present, StickIdentity> identity) {
    List<Heartbeat.StickInfo> sticks = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    for (Insertions.Present p : present) {
      PresentStick s = p.stick();
      if (s.serial() == null || !SERIAL.matcher(s.serial()).matches()) {
        leftOut.add("stick in " + WireText.label(s.port(), 64) + ": serial " + shown(s.serial())
            + " is not one the operator can bind (1 to 128 of A-Z a-z 0-9 . _ : -)");
      } else if (s.port() == null || !PORT.matcher(s.port()).matches()) {
        leftOut.add("stick " + s.serial() + ": " + shown(s.port()) + " is not a USB port path like 1-2.3");
      } else {
        sticks.add(new Heartbeat.StickInfo(s.serial(), s.port(), WireText.label(s.vendor(), WireText.MAX_LABEL_CHARS),
            WireText.label(s.model(), WireText.MAX_LABEL_CHARS), Math.max(0, s.sizeBytes()), identity.apply(p).driveUuid(),
            identity.apply(p).driveKey(), p.insertionId()));
      }
    }
    return new Composed(sticks, leftOut);
  }

  private static String shown(String value) {
    return value == null ? "(none)" : "\"" + WireText.label(value, 64) + "\"";
  }
}
