package io.rescuefleet.operator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.rescuefleet.api.v1alpha1.ImagingStationStatus;
import io.rescuefleet.api.wire.Heartbeat;
import io.rescuefleet.api.wire.Heartbeat.StickInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetStateTest {
  private static final Instant T = Instant.parse("2025-05-01T08:00:00Z");

  @Test
  void heartbeatsReportWhatChanged() {
    FleetState fleet = new FleetState(Clock.fixed(T, ZoneOffset.UTC));
    PresenceChange first = fleet.recordHeartbeat("lab-a", hb(stick("S1", "1-1", "i1"), stick("S2", "1-2", "i1")), T);
    assertThat(first.cameOnline()).isTrue();
    assertThat(first.serials()).containsExactly("S1", "S2");
    PresenceChange same = fleet.recordHeartbeat("lab-a", hb(stick("S1", "1-1", "i1"), stick("S2", "1-2", "i1")), T);
    assertThat(same.any()).isFalse();
    PresenceChange moved = fleet.recordHeartbeat("lab-a", hb(stick("S1", "1-3", "i2"), stick("S2", "1-2", "i1")), T);
    assertThat(moved.serials()).containsExactly("S1");
    assertThat(moved.ports()).containsExactly("1-1", "1-3");
    PresenceChange reinserted = fleet.recordHeartbeat("lab-a", hb(stick("S1", "1-3", "i3"), stick("S2", "1-2", "i1")), T);
    assertThat(reinserted.serials()).containsExactly("S1");
    assertThat(fleet.stickWithSerial("S1")).hasValueSatisfying(s -> assertThat(s.stick().port()).isEqualTo("1-3"));
    assertThat(fleet.stickAt("lab-a", "1-2")).hasValueSatisfying(s -> assertThat(s.stick().serial()).isEqualTo("S2"));
  }

  @Test
  void aStickIdentityLearntOrChangedWithinAnInsertionIsAChangeOfItsPort() {
    FleetState fleet = new FleetState(Clock.fixed(T, ZoneOffset.UTC));
    fleet.recordHeartbeat("lab-a", hb(stick("S1", "1-1", "i1")), T);

    PresenceChange read = fleet.recordHeartbeat("lab-a", hb(identified("S1", "1-1", "i1", "u-1", "ns/a")), T);
    PresenceChange again = fleet.recordHeartbeat("lab-a", hb(identified("S1", "1-1", "i1", "u-1", "ns/a")), T);
    PresenceChange rewritten = fleet.recordHeartbeat("lab-a", hb(identified("S1", "1-1", "i1", "u-1", "ns/b")), T);

    assertThat(read.ports()).containsExactly("1-1");
    assertThat(read.serials()).containsExactly("S1");
    assertThat(again.any()).isFalse();
    assertThat(rewritten.ports()).containsExactly("1-1");
    assertThat(fleet.snapshot().stations().get(0).ports().get(0).driveUuid()).isEqualTo("u-1");
  }

  @Test
  void sticksOfAnOfflineStationAreNotPresent() {
    Instant late = T.plusSeconds(61);
    FleetState fleet = new FleetState(Clock.fixed(late, ZoneOffset.UTC));
    fleet.recordHeartbeat("lab-a", hb(stick("S1", "1-1", "i1")), T);
    assertThat(fleet.stickWithSerial("S1")).isEmpty();
    assertThat(fleet.stickAt("lab-a", "1-1")).isEmpty();
  }

  @Test
  void aStickMovingToAnotherStationIsFoundThere() {
    FleetState fleet = new FleetState(Clock.fixed(T, ZoneOffset.UTC));
    fleet.recordHeartbeat("lab-a", hb(stick("S1", "1-1", "i1")), T);
    fleet.recordHeartbeat("lab-b", hb(stick("S1", "2-1", "i2")), T);
    fleet.recordHeartbeat("lab-a", hb(), T);
    assertThat(fleet.stickWithSerial("S1")).hasValueSatisfying(s -> assertThat(s.station()).isEqualTo("lab-b"));
    assertThat(fleet.forgetStation("lab-b")).containsExactly("S1");
    assertThat(fleet.stickWithSerial("S1")).isEmpty();
  }

  @Test
  void aStationCannotTakeAStickAnotherOnlineStationHoldsByNamingItsSerial() {
    FleetState fleet = new FleetState(Clock.fixed(T, ZoneOffset.UTC));
    fleet.recordHeartbeat("lab-a", hb(stick("S1", "1-1", "i1")), T);
    fleet.recordHeartbeat("lab-b", hb(stick("S1", "2-1", "forged")), T);
    fleet.recordHeartbeat("lab-b", hb(stick("S1", "2-1", "forged")), T);
    assertThat(fleet.stickWithSerial("S1")).hasValueSatisfying(s -> assertThat(s.station()).isEqualTo("lab-a"));
    fleet.recordHeartbeat("lab-a", hb(stick("S1", "1-1", "i1")), T);
    assertThat(fleet.stickWithSerial("S1")).hasValueSatisfying(s -> assertThat(s.station()).isEqualTo("lab-a"));
  }

  @Test
  void aStickHeldElsewhereMovesWhenThatStationGoesOfflineAndItsDrivesAreTold() {
    FleetState fleet = new FleetState(Clock.fixed(T.plusSeconds(61), ZoneOffset.UTC));
    fleet.recordHeartbeat("lab-a", hb(stick("S1", "1-1", "i1")), T);
    fleet.recordHeartbeat("lab-b", hb(stick("S1", "2-1", "i2")), T.plusSeconds(30));
    PresenceChange later = fleet.recordHeartbeat("lab-b", hb(stick("S1", "2-1", "i2")), T.plusSeconds(61));
    assertThat(later.serials()).as("lab-a went offline: lab-b has it now").containsExactly("S1");
    assertThat(fleet.stickWithSerial("S1")).hasValueSatisfying(s -> assertThat(s.station()).isEqualTo("lab-b"));
  }

  @Test
  void aStationIsSeededFromItsStatusUntilItsFirstHeartbeatAndThatIsNotAReinsertion() {
    FleetState fleet = new FleetState(Clock.fixed(T, ZoneOffset.UTC));
    ImagingStationStatus status = new ImagingStationStatus();
    status.lastHeartbeat = T.minusSeconds(10).toString();
    ImagingStationStatus.PortStatus port = new ImagingStationStatus.PortStatus();
    port.path = "1-1";
    port.serial = "S1";
    status.ports = List.of(port);
    fleet.seedStation("lab-a", status);
    assertThat(fleet.stickWithSerial("S1")).isPresent();
    fleet.seedStation("lab-a", new ImagingStationStatus());
    PresenceChange first = fleet.recordHeartbeat("lab-a", hb(stick("S1", "1-1", "i7")), T);
    assertThat(first.serials()).isEmpty();
    assertThat(first.cameOnline()).isFalse();
  }

  @Test
  void snapshotListsLabelledPortsEmptyOrNotAndOccupiedOnesByPath() {
    FleetState fleet = new FleetState(Clock.fixed(T, ZoneOffset.UTC));
    fleet.station("lab-a").portLabels(Map.of("1-1", "hub slot 1", "1-2", "hub slot 2"));
    fleet.recordHeartbeat("lab-a", hb(stick("S1", "1-1", "i1"), stick("S3", "1-3", "i1")), T);

    FleetSnapshot.StationView lab = fleet.snapshot().stations().get(0);

    assertThat(lab.ports()).extracting(FleetSnapshot.PortView::port, FleetSnapshot.PortView::label, FleetSnapshot.PortView::serial)
        .containsExactly(tuple("1-1", "hub slot 1", "S1"), tuple("1-2", "hub slot 2", null), tuple("1-3", null, "S3"));
  }

  private static Heartbeat hb(StickInfo... sticks) {
    return new Heartbeat("t", null, List.of(sticks));
  }

  private static StickInfo identified(String serial, String port, String insertion, String uuid, String driveKey) {
    return new StickInfo(serial, port, null, null, 0, uuid, driveKey, insertion);
  }

  private static StickInfo stick(String serial, String port, String insertion) {
    return new StickInfo(serial, port, null, null, 0, null, null, insertion);
  }
}
