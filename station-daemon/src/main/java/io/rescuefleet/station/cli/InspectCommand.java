package io.rescuefleet.station.cli;

import io.rescuefleet.station.engine.ConvergeOptions;
import io.rescuefleet.station.engine.EngineListener;
import io.rescuefleet.station.engine.Inspection;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rescue-station inspect}: shows a stick as it is. */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Show the stick as it is: partitions, Ventoy version, files (managed or not), ventoy.json, manifest.",
        "With --verify sampled|full, hash the files the manifest lists from the device.",
        "Exit codes: 0 shown, 3 target refused, 4 verification found mismatches, 1 other."})
final class InspectCommand implements Callable<Integer> {
  @Mixin
  TargetOptions target;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    boolean json = target.output == Output.Format.json;
    EngineListener listener = json ? EngineListener.NONE : new ProgressBar(out, System.console() != null);
    ConvergeOptions options = ConvergeOptions.defaults().withAllowlist(target.allowlist());
    return Runs.withTarget(target, null, System.err, (engine, device, cancellation) -> {
      Inspection inspection = engine.inspect(device, target.verify, options, listener, cancellation);
      if (json) {
        Output.json(out, Output.inspected(inspection, device.describe()));
      } else {
        Output.inspection(out, inspection, device.describe());
      }
      boolean filesDiffer = inspection.verify() != null && inspection.verify().mismatches() > 0;
      boolean windowsToGoDamaged = inspection.windowsToGo().stream().anyMatch(w -> w.state().equals("damaged"));
      return filesDiffer || windowsToGoDamaged ? 4 : 0;
    });
  }
}
