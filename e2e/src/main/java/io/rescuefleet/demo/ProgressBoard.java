package io.rescuefleet.demo;

import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.api.wire.ReportBatch.Progress;
import io.rescuefleet.operator.fleet.FleetSnapshot;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The demo's live view of the fleet in the terminal: one line per stick with its drive, phase,
 * progress, write speed, entries and drift corrections. On a terminal it redraws in place; in a
 * log it prints the table when a phase changes.
 */
final class ProgressBoard {
  private final PrintStream out;
  private final boolean terminal;
  private int linesDrawn;
  private String lastPhases = "";

  ProgressBoard(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Draws the sticks as the API server (status) and the operator (live progress) see them now. */
  void draw(List<DemoFleet.Stick> sticks, Function<String, RescueDrive> drives, FleetSnapshot snapshot) {
    Map<String, FleetSnapshot.DriveView> live = snapshot.drives().stream()
        .collect(Collectors.toMap(FleetSnapshot.DriveView::key, d -> d, (a, b) -> a));
    StringBuilder table = new StringBuilder();
    StringBuilder phases = new StringBuilder();
    table.append(String.format(Locale.ROOT, "  %-24s %-6s %-21s %-12s %-30s %9s %7s %5s%n",
        "DRIVE", "PORT", "STICK", "PHASE", "PROGRESS", "WRITE", "ENTRIES", "DRIFT"));
    for (DemoFleet.Stick stick : sticks) {
      RescueDrive drive = drives.apply(stick.drive());
      RescueDriveStatus s = drive == null ? null : drive.getStatus();
      String key = drive == null ? stick.drive() : drive.getMetadata().getNamespace() + "/" + stick.drive();
      FleetSnapshot.DriveView view = live.get(key);
      String phase = s == null || s.phase == null ? "Pending" : s.phase.name();
      phases.append(phase).append(',');
      table.append(String.format(Locale.ROOT, "  %-24s %-6s %-21s %-12s %-30s %9s %7s %5s%n",
          stick.drive(), stick.port(), stick.serial(), phase,
          bar(view == null ? null : view.progress(), phase),
          s == null || s.lastWriteMBps == null ? "-" : String.format(Locale.ROOT, "%.0f MB/s", s.lastWriteMBps),
          s == null || s.entriesSynced == null ? "-" : s.entriesSynced,
          s == null || s.driftCorrections == null ? "0" : s.driftCorrections.toString()));
    }
    if (terminal) {
      if (linesDrawn > 0) {
        out.print("\033[" + linesDrawn + "A");
      }
      String text = table.toString().replace("\n", "\033[K\n");
      out.print(text);
      linesDrawn = sticks.size() + 1;
      out.flush();
    } else if (!phases.toString().equals(lastPhases)) {
      out.print(table);
      out.println();
    }
    lastPhases = phases.toString();
  }

  /** Forget the drawn lines: the next draw starts below whatever was printed since. */
  void release() {
    linesDrawn = 0;
    lastPhases = "";
  }

  private static String bar(Progress p, String phase) {
    if (p == null || p.bytesTotal() <= 0) {
      return "Ready".equals(phase) ? "[####################] 100%" : "";
    }
    double share = Math.min(1.0, (double) p.bytesDone() / p.bytesTotal());
    int filled = (int) Math.round(share * 20);
    String eta = p.etaSeconds() == null || p.etaSeconds() <= 0 ? "" : String.format(Locale.ROOT, " %.0fs", p.etaSeconds());
    return "[" + "#".repeat(filled) + "-".repeat(20 - filled) + "] " + Math.round(share * 100) + "%" + eta;
  }
}
