package io.rescuefleet.operator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.resolve.EffectivePolicy;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.api.wire.Heartbeat.StickInfo;
import io.rescuefleet.api.wire.ReportBatch.Direction;
import io.rescuefleet.api.wire.ReportBatch.DriveReport;
import io.rescuefleet.api.wire.ReportBatch.Outcome;
import io.rescuefleet.api.wire.ReportBatch.Progress;
import io.rescuefleet.api.wire.ReportBatch.ThroughputSample;
import io.rescuefleet.api.wire.ReportBatch.VerifyResult;
import io.rescuefleet.operator.binding.Binding;
import io.rescuefleet.operator.binding.BindingState;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DriveStateTest {
  private static final Instant T = Instant.parse("2025-05-01T08:00:00Z");

  @Test
  void aResentReportIsAppliedOnceAndANewInsertionRestartsTheSequence() {
    DriveState d = new DriveState("ns/d");
    assertThat(d.apply(report("i1", 1, DrivePhase.Reconciling, List.of(), null), "lab-a", T).applied()).isTrue();
    assertThat(d.apply(report("i1", 1, DrivePhase.Reconciling, List.of(), null), "lab-a", T).applied()).isFalse();
    assertThat(d.apply(report("i1", 2, DrivePhase.Ready, List.of(), null), "lab-a", T).applied()).isTrue();
    assertThat(d.apply(report("i2", 1, DrivePhase.Reconciling, List.of(), null), "lab-a", T).phaseChanged()).isTrue();
  }

  @Test
  void aResendOfAnEarlierInsertionIsRecognisedAfterANewOne() {
    DriveState d = new DriveState("ns/d");
    Outcome corrected = new Outcome(true, 10, true, true, null, null, null);
    d.apply(report("i1", 1, DrivePhase.Reconciling, List.of(), null), "lab-a", T);
    d.apply(report("i1", 2, DrivePhase.Ready, List.of(), corrected), "lab-a", T);
    d.apply(report("i2", 3, DrivePhase.Reconciling, List.of(), null), "lab-a", T);
    // One summarised outbox batch can hold both insertions; resent whole, neither applies again.
    assertThat(d.apply(report("i1", 2, DrivePhase.Ready, List.of(), corrected), "lab-a", T).applied()).isFalse();
    assertThat(d.apply(report("i2", 3, DrivePhase.Reconciling, List.of(), null), "lab-a", T).applied()).isFalse();
    assertThat(d.runtime().driftCorrections()).isEqualTo(1);
    assertThat(d.runtime().sequenceMarks()).containsExactly(new SequenceMark("S1", "i1", 2), new SequenceMark("S1", "i2", 3));
  }

  @Test
  void aRestartedOperatorRecognisesTheReportsItsStatusCountsAndAppliesTheOthers() {
    DriveState before = new DriveState("ns/d");
    before.apply(report("i1", 1, DrivePhase.Reconciling, List.of(), null), "lab-a", T);
    before.apply(withBytes(report("i1", 2, DrivePhase.Ready, List.of(), new Outcome(true, 10, true, true, null, null, null)),
        500), "lab-a", T);
    RescueDriveStatus written = statusOf(before.runtime());

    DriveState after = new DriveState("ns/d");
    after.seed(written);
    assertThat(after.unpersisted()).isFalse();
    // The batch whose answer the station never got comes again: its counts are already in the status.
    assertThat(after.apply(report("i1", 2, DrivePhase.Ready, List.of(), new Outcome(true, 10, true, true, null, null, null)),
        "lab-a", T).applied()).isFalse();
    assertThat(after.runtime().driftCorrections()).isEqualTo(1);
    assertThat(after.runtime().bytesWritten()).isEqualTo(500);
    // A report the previous operator applied but never wrote down is applied, counts and all.
    var later = after.apply(report("i1", 3, DrivePhase.Ready, List.of(), new Outcome(true, 10, true, true, null, null, null)),
        "lab-a", T);
    assertThat(later.applied()).isTrue();
    assertThat(after.runtime().driftCorrections()).isEqualTo(2);
    assertThat(after.unpersisted()).isTrue();
    after.persisted(after.runtime().sequenceMarks());
    assertThat(after.unpersisted()).isFalse();
  }

  @Test
  void marksAreKeptForTheLatestInsertionsOnly() {
    DriveState d = new DriveState("ns/d");
    for (int i = 1; i <= DriveState.REMEMBERED_INSERTIONS + 2; i++) {
      d.apply(report("i" + i, i, DrivePhase.Reconciling, List.of(), null), "lab-a", T);
    }
    assertThat(d.runtime().sequenceMarks()).hasSize(DriveState.REMEMBERED_INSERTIONS)
        .first().isEqualTo(new SequenceMark("S1", "i3", 3));
  }

  @Test
  void samplesFasterThanThePolicyIntervalAreDroppedAndCounted() {
    DriveState d = new DriveState("ns/d");
    List<ThroughputSample> samples = List.of(sample(0), sample(250), sample(500), sample(1000), sample(1990), sample(2000));
    var effect = d.apply(report("i1", 1, DrivePhase.Reconciling, samples, null), "lab-a", T);
    assertThat(effect.admittedWriteMBps()).hasSize(3);
    assertThat(effect.dropped()).isEqualTo(3);
    assertThat(d.runtime().write().coveredSeconds()).isEqualTo(3.0);
    assertThat(d.runtime().write().meanMBps()).isEqualTo(30.0);
  }

  @Test
  void aReportRepeatingTheKnownStateChangesNothing() {
    DriveState d = new DriveState("ns/d");
    assertThat(d.apply(report("i1", 1, DrivePhase.Ready, List.of(), null), "lab-a", T).changed()).isTrue();
    assertThat(d.apply(report("i1", 2, DrivePhase.Ready, List.of(), null), "lab-a", T.plusSeconds(5)).changed()).isFalse();
    assertThat(d.apply(report("i1", 3, DrivePhase.Ready, List.of(sample(9000)), null), "lab-a", T).changed()).isTrue();
  }

  @Test
  void outcomesCountFailuresDriftAndLifetimeBytes() {
    DriveState d = new DriveState("ns/d");
    d.apply(report("i1", 1, DrivePhase.Failed, List.of(), new Outcome(false, 0, false, false, null, "SourceFailed", "404")),
        "lab-a", T);
    d.apply(report("i1", 2, DrivePhase.Failed, List.of(), new Outcome(false, 0, false, false, null, "SourceFailed", "404")),
        "lab-a", T);
    assertThat(d.runtime().consecutiveFailures()).isEqualTo(2);
    var effect = d.apply(withBytes(report("i1", 3, DrivePhase.Ready, List.of(),
        new Outcome(true, 500, true, true, "a".repeat(64), null, null)), 1500), "lab-a", T);
    assertThat(effect.driftDetected()).isTrue();
    assertThat(effect.bytesWritten()).isEqualTo(1500);
    DriveRuntime r = d.runtime();
    assertThat(r.consecutiveFailures()).isZero();
    assertThat(r.driftCorrections()).isEqualTo(1);
    assertThat(r.appliedDigest()).isEqualTo("a".repeat(64));
    assertThat(r.driftHistory()).singleElement().satisfies(h -> assertThat(h.corrected()).isTrue());
    assertThat(d.apply(withBytes(report("i1", 4, DrivePhase.Ready, List.of(), null), 1200), "lab-a", T).bytesWritten()).isZero();
  }

  @Test
  void aFullVerificationMovesTheSchedule() {
    DriveState d = new DriveState("ns/d");
    d.updatePlan(p -> new io.rescuefleet.operator.policy.VerifyPlan("i1", 9, null, VerifyMode.Full));
    DriveReport r = new DriveReport("ns/d", "S1", "1-2.3", "i1", 1, DrivePhase.Ready, T.toString(), null, List.of(),
        new VerifyResult(VerifyMode.Full, 3, 100, 0, 80.5, T.toString()), List.of(), null, 0, null);
    d.apply(r, "lab-a", T);
    assertThat(d.runtime().verifyPlan().insertionsSinceFull()).isZero();
    assertThat(d.runtime().verifyPlan().lastFull()).isEqualTo(T);
    assertThat(d.runtime().lastReadMBps()).isEqualTo(80.5);
  }

  @Test
  void seedingTakesOverTheCountsOfAPreviousOperatorOnce() {
    RescueDriveStatus s = new RescueDriveStatus();
    s.bytesWritten = 42L;
    s.driftCorrections = 7L;
    s.consecutiveFailures = 2;
    s.phase = DrivePhase.Ready;
    s.verification = new RescueDriveStatus.Verification();
    s.verification.insertionId = "i9";
    s.verification.insertionsSinceFull = 4;
    s.verification.lastFull = "2025-04-01T00:00:00Z";
    DriveState d = new DriveState("ns/d");
    d.seed(s);
    s.bytesWritten = 99L;
    d.seed(s);
    DriveRuntime r = d.runtime();
    assertThat(r.bytesWritten()).isEqualTo(42);
    assertThat(r.driftCorrections()).isEqualTo(7);
    assertThat(r.verifyPlan().insertionsSinceFull()).isEqualTo(4);
    assertThat(r.reportedPhase()).isEqualTo(DrivePhase.Ready);
    assertThat(r.reportedInsertion()).isEqualTo("i9");
  }

  @Test
  void aRestartedOperatorKeepsTheWindowsToGoItRecorded() {
    RescueDriveStatus s = new RescueDriveStatus();
    s.windowsToGo = new RescueDriveStatus.WindowsToGo();
    s.windowsToGo.target = "Partition";
    s.windowsToGo.location = "partition 3";
    s.windowsToGo.state = "applied";
    s.windowsToGo.bootConfiguration = "NotGenerated";
    s.windowsToGo.bootConfigurationReason = "no BCD-Template";
    DriveState d = new DriveState("ns/d");
    d.seed(s);
    assertThat(d.runtime().windowsToGo()).singleElement().satisfies(w -> {
      assertThat(w.location()).isEqualTo("partition 3");
      assertThat(w.bootConfigurationReason()).isEqualTo("no BCD-Template");
    });
    assertThat(new DriveState("ns/e").runtime().windowsToGo()).as("never reported").isNull();
  }

  @Test
  void onlyTheBoundStationOrTheLastOneWhenUnboundMayReport() {
    FleetState fleet = new FleetState(java.time.Clock.systemUTC());
    DriveState d = fleet.drive("ns/d");
    assertThat(d.reportableFrom("lab-a")).isFalse();
    Binding atA = new Binding(BindingState.BoundBySerial, "lab-a", "1-2.3",
        new StickInfo("S1", "1-2.3", null, null, 0, null, null, "i1"), "");
    fleet.decided(d, EffectivePolicy.defaults(), atA, DrivePhase.Ready, Set.of(), false);
    assertThat(d.reportableFrom("lab-a")).isTrue();
    assertThat(d.reportableFrom("lab-b")).isFalse();
    assertThat(fleet.drivesBoundTo("lab-a")).containsExactly("ns/d");
    fleet.decided(d, EffectivePolicy.defaults(), Binding.unbound(BindingState.StickAbsent, "gone"), DrivePhase.Absent,
        Set.of(), false);
    assertThat(d.reportableFrom("lab-a")).isTrue();
    assertThat(d.reportableFrom("lab-b")).isFalse();
    assertThat(fleet.drivesBoundTo("lab-a")).isEmpty();
  }

  private static DriveReport report(String insertion, long seq, DrivePhase phase, List<ThroughputSample> samples,
      Outcome outcome) {
    return new DriveReport("ns/d", "S1", "1-2.3", insertion, seq, phase, T.toString(), new Progress(1, 10, null), List.of(),
        null, samples, outcome, 0, null);
  }

  /** The counts and marks a reconcile writes to the status, as DriveStatusFactory does. */
  private static RescueDriveStatus statusOf(DriveRuntime r) {
    RescueDriveStatus s = new RescueDriveStatus();
    s.phase = r.reportedPhase();
    s.bytesWritten = r.bytesWritten();
    s.driftCorrections = r.driftCorrections();
    s.consecutiveFailures = r.consecutiveFailures();
    s.reportSequences = r.sequenceMarks().stream().map(m -> {
      RescueDriveStatus.ReportMark mark = new RescueDriveStatus.ReportMark();
      mark.serial = m.serial();
      mark.insertionId = m.insertionId();
      mark.sequence = m.sequence();
      return mark;
    }).toList();
    return s;
  }

  private static DriveReport withBytes(DriveReport r, long lifetime) {
    return new DriveReport(r.driveKey(), r.serial(), r.port(), r.insertionId(), r.sequence(), r.phase(), r.time(),
        r.progress(), r.actions(), r.verify(), r.samples(), r.outcome(), lifetime, r.entries());
  }

  private static ThroughputSample sample(long offsetMillis) {
    return new ThroughputSample(Direction.write, T.plusMillis(offsetMillis).toString(), 30_000_000, 1.0);
  }
}
