package io.rescuefleet.station.engine;

import io.rescuefleet.api.wire.ReportBatch.ActionResult;
import io.rescuefleet.api.wire.ReportBatch.Outcome;
import io.rescuefleet.api.wire.ReportBatch.VerifyResult;
import io.rescuefleet.api.wire.ReportBatch.WindowsToGoState;
import io.rescuefleet.api.wire.WireText;
import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.wtg.WtgStatus;
import java.time.Instant;
import java.util.List;

/**
 * An {@link EngineResult} in the station API's terms, for the daemon's reports to the operator. Error
 * texts are clipped to what the operator accepts: a tool's long output must not get the report
 * refused (and set aside) instead of delivered.
 */
public final class WireReports {
  private WireReports() {}

  public static List<ActionResult> actions(EngineResult r) {
    return r.actions().stream().map(WireReports::action).toList();
  }

  public static ActionResult action(ActionReport a) {
    return new ActionResult(a.type(), a.path(), a.bytes(), a.seconds(), a.ok(), WireText.message(a.error()));
  }

  /** The drift-detection pass, or null when the run failed before verifying. */
  public static VerifyResult verify(EngineResult r, Instant at) {
    VerifyReport v = r.verify();
    return v == null ? null
        : new VerifyResult(v.mode(), v.filesChecked(), v.bytesHashed(), v.mismatches(), v.readMBps(), at.toString());
  }

  /**
   * The Windows To Go systems the run last observed on the stick (empty: none), or null when it failed
   * before observing any, so the operator keeps what it knew.
   */
  public static List<WindowsToGoState> windowsToGo(EngineResult r) {
    if (r.plan() == null) {
      return null;
    }
    return r.windowsToGo().stream().map(WireReports::windowsToGo).toList();
  }

  static WindowsToGoState windowsToGo(WtgStatus w) {
    String boot = w.bootGenerated() == null ? null : w.bootGenerated() ? "Generated" : "NotGenerated";
    return new WindowsToGoState(w.target(), w.location(), w.state(), w.detail(), w.profile(), w.imageSha256(),
        w.imageIndex(), w.imageName(), w.edition(), boot, Boolean.FALSE.equals(w.bootGenerated()) ? w.bootNote() : null,
        w.appliedAt());
  }

  public static Outcome outcome(EngineResult r) {
    return new Outcome(r.converged(), r.bytesWritten(), r.driftDetected(), r.driftCorrected(), r.appliedDigest(),
        r.failure() == null ? null : r.failure().reason(), r.failure() == null ? null : WireText.message(r.failure().message()));
  }
}
