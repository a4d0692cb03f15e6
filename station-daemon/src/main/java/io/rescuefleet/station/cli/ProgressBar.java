package io.rescuefleet.station.cli;

import io.rescuefleet.station.engine.EngineListener;
import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.plan.Action;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows the run on a terminal: one progress bar per action with MB/s and ETA, redrawn in place at
 * most ten times a second, then a line per finished action. Off a terminal it prints the finished
 * lines only.
 */
final class ProgressBar implements EngineListener {
  private static final int WIDTH = 28;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintStream out;
  private final boolean terminal;
  private long lastDraw;
  private long actionStarted;
  private String label = "";
  private long verifyStarted;

  ProgressBar(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public synchronized void phase(String phase) {
    if (terminal && phase.equals("verify")) {
      verifyStarted = System.nanoTime();
    }
  }

  @Override
  public synchronized void verifyProgress(long done, long total) {
    draw("verify", done, total, verifyStarted, false);
  }

  @Override
  public synchronized void actionStarted(int index, int count, Action action) {
    actionStarted = System.nanoTime();
    label = String.format(Locale.ROOT, "[%d/%d] %s %s", index + 1, count, action.type(), action.target());
    draw(label, 0, action.bytes(), actionStarted, true);
  }

  @Override
  public synchronized void actionProgress(Action action, long done, long total) {
    draw(label, done, total, actionStarted, false);
  }

  @Override
  public synchronized void actionFinished(ActionReport r) {
    String line = String.format(Locale.ROOT, "%s %-22s %-36s %10s %7.2f s %11s%s", r.ok() ? "ok  " : "FAIL", r.type(),
        r.path(), Output.bytes(r.bytes()), r.seconds(), r.direction() == null ? "" : Output.mbps(r.mbps()),
        r.error() == null ? "" : "  " + r.error());
    if (terminal) {
      out.print("\r\033[K");
    }
    out.println(line);
    out.flush();
  }

  private void draw(String what, long done, long total, long since, boolean force) {
    if (!terminal) {
      return;
    }
    long now = System.nanoTime();
    if (!force && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    double seconds = Math.max(1e-3, (now - since) / 1e9);
    double mbps = done / seconds / 1e6;
    String bar;
    String eta = "";
    if (total > 0) {
      int filled = (int) Math.min(WIDTH, done * WIDTH / total);
      bar = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + Math.min(100, done * 100 / total) + "%";
      if (done > 0 && done < total) {
        eta = String.format(Locale.ROOT, " ETA %.0f s", (total - done) / (done / seconds));
      }
    } else {
      bar = Output.bytes(done);
    }
    out.printf("\r\033[K%s %s %s%s", what, bar, Output.mbps(mbps), eta);
    out.flush();
  }
}
