package io.rescuefleet.bench;

import java.io.PrintStream;
import java.nio.file.Path;

/** One benchmark of {@code bench/run}: measures its anchors and itself in the same run and prints ratios. */
public interface Benchmark {
  /** The name {@code bench/run NAME} uses. */
  String name();

  /**
   * Runs the benchmark in {@code workDir} (removed afterwards) and prints its result line, e.g.
   * {@code station-sync: sync_vs_dd=0.41 ...}, with detail lines before it.
   */
  void run(Path workDir, PrintStream out) throws Exception;
}
