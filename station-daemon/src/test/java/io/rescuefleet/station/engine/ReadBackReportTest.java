package io.rescuefleet.station.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.wire.ReportBatch.Direction;
import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.failure.FailureKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The read-back figures come from the VerifyFile actions; only a VerifyFailed run counts a mismatch. */
class ReadBackReportTest {
  private static ActionReport action(String type, long bytes, boolean ok) {
    return new ActionReport(type, "iso/x.iso", "x", type.equals("VerifyFile") ? Direction.read : Direction.write, bytes,
        0.5, ok, ok ? null : "boom");
  }

  private static final List<ActionReport> COPIED_AND_READ = List.of(action("CopyFile", 300, true),
      action("VerifyFile", 100, true), action("VerifyFile", 200, true), action("CopyFile", 50, true));

  @Test
  void countsEveryPassedReadBack() {
    ReadBackReport r = ReadBackReport.of(COPIED_AND_READ, null);
    assertThat(r).extracting("filesChecked", "bytesHashed", "mismatches").containsExactly(2, 300L, 0);
    assertThat(r.readMBps()).isEqualTo(300 / 1.0 / 1e6);
  }

  @Test
  void aReadBackThatFoundOtherBytesIsAMismatch() {
    List<ActionReport> actions = new java.util.ArrayList<>(COPIED_AND_READ);
    actions.add(action("VerifyFile", 0, false));
    assertThat(ReadBackReport.of(actions, new Failure("VerifyFailed", "differs", FailureKind.SOURCE_OR_VERIFY)))
        .extracting("filesChecked", "mismatches").containsExactly(3, 1);
    assertThat(ReadBackReport.of(actions, new Failure("EngineError", "I/O error", FailureKind.OTHER)))
        .as("a read that could not be done checked nothing").extracting("filesChecked", "mismatches").containsExactly(2, 0);
  }
}
