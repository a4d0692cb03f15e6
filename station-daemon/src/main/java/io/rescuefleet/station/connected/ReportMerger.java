package io.rescuefleet.station.connected;

import io.rescuefleet.api.wire.ReportBatch;
import io.rescuefleet.api.wire.ReportBatch.ActionResult;
import io.rescuefleet.api.wire.ReportBatch.Direction;
import io.rescuefleet.api.wire.ReportBatch.DriveReport;
import io.rescuefleet.api.wire.ReportBatch.ThroughputSample;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Summarises two report batches into one when the outbox is full: per drive, the later state wins,
 * action results are kept (up to a bound), and throughput samples are folded into one sample per
 * direction (total bytes over total seconds), so totals and averages survive.
 */
final class ReportMerger {
  static final int MAX_ACTIONS_PER_DRIVE = 200;

  private ReportMerger() {}

  static ReportBatch merge(ReportBatch older, ReportBatch newer) {
    Map<String, DriveReport> byDrive = new LinkedHashMap<>();
    for (DriveReport r : concat(older.reports(), newer.reports())) {
      byDrive.merge(r.driveKey() + "#" + r.insertionId(), r, ReportMerger::fold);
    }
    return new ReportBatch("summary-" + UUID.randomUUID(), List.copyOf(byDrive.values()));
  }

  private static DriveReport fold(DriveReport a, DriveReport b) {
    List<ActionResult> actions = concat(a.actions(), b.actions());
    if (actions.size() > MAX_ACTIONS_PER_DRIVE) {
      actions = actions.subList(actions.size() - MAX_ACTIONS_PER_DRIVE, actions.size());
    }
    return new DriveReport(
        b.driveKey(), b.serial(), b.port(), b.insertionId(),
        Math.max(a.sequence(), b.sequence()),
        b.phase(), b.time(),
        b.progress() != null ? b.progress() : a.progress(),
        List.copyOf(actions),
        b.verify() != null ? b.verify() : a.verify(),
        foldSamples(concat(a.samples(), b.samples())),
        b.outcome() != null ? b.outcome() : a.outcome(),
        Math.max(a.lifetimeBytesWritten(), b.lifetimeBytesWritten()),
        b.entries() != null ? b.entries() : a.entries(),
        b.windowsToGo() != null ? b.windowsToGo() : a.windowsToGo());
  }

  private static List<ThroughputSample> foldSamples(List<ThroughputSample> samples) {
    Map<Direction, ThroughputSample> folded = new EnumMap<>(Direction.class);
    for (ThroughputSample s : samples) {
      folded.merge(s.direction(), s, (x, y) ->
          new ThroughputSample(x.direction(), y.time(), x.bytes() + y.bytes(), x.seconds() + y.seconds()));
    }
    return List.copyOf(folded.values());
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a == null ? List.of() : a);
    if (b != null) {
      all.addAll(b);
    }
    return all;
  }
}
