package io.rescuefleet.station.connected;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.wire.Heartbeat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stick the operator would refuse does not get the station's whole heartbeat refused. */
class HeartbeatSticksTest {
  private static Insertions.Present stick(String serial, String port, String vendor, String model) {
    return new Insertions.Present(new PresentStick(PresentStick.keyOf(serial, port), serial, port, vendor, model, 8L << 30,
        () -> null), "ins-" + port);
  }

  @Test
  void sticksWithoutAUsableSerialOrPortAreLeftOutWithTheReason() {
    HeartbeatSticks.Composed c = HeartbeatSticks.of(List.of(
        stick("GOOD1", "1-2.1", "Kingston", "DataTraveler"),
        stick(null, "1-2.2", "Generic", "Flash Disk"),
        stick("BAD SERIAL", "1-2.3", "Generic", "Flash Disk"),
        stick("LOOP1", "/dev/loop7", null, null)));

    assertThat(c.sticks()).extracting(Heartbeat.StickInfo::serial).containsExactly("GOOD1");
    assertThat(c.leftOut()).containsExactly(
        "stick in 1-2.2: serial (none) is not one the operator can bind (1 to 128 of A-Z a-z 0-9 . _ : -)",
        "stick in 1-2.3: serial \"BAD SERIAL\" is not one the operator can bind (1 to 128 of A-Z a-z 0-9 . _ : -)",
        "stick LOOP1: \"/dev/loop7\" is not a USB port path like 1-2.3");
  }

  @Test
  void vendorAndModelAStickChoseAreMadeOnePrintableLine() {
    HeartbeatSticks.Composed c = HeartbeatSticks.of(List.of(
        stick("S1", "1-1", "Evil\u001b[2J\u0000Corp", "M".repeat(400))));

    Heartbeat.StickInfo s = c.sticks().get(0);
    assertThat(s.vendor()).isEqualTo("Evil [2J Corp");
    assertThat(s.model()).hasSize(256).endsWith("...");
    assertThat(s.insertionId()).isEqualTo("ins-1-1");
  }
}
