package io.rescuefleet.station.cli;

import io.rescuefleet.api.resolve.DriveAssignment;
import io.rescuefleet.station.engine.ConvergeOptions;
import io.rescuefleet.station.engine.EngineListener;
import io.rescuefleet.station.engine.EngineResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rescue-station diff}: prints what apply would do, touching nothing. */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Print the plan that would make the stick match its RescueDrive; writes nothing.",
        "Exit codes: 0 nothing to do or plan printed, 2 invalid input, 3 target refused, 4 source or verification "
            + "failure, 1 other."})
final class DiffCommand implements Callable<Integer> {
  @Mixin
  SpecOptions spec;

  @Mixin
  TargetOptions target;

  @Option(names = "--ventoy-release", paramLabel = "DIR", description = "The Ventoy release apply would install.")
  Path ventoyRelease;

  @Option(names = "--ignore-serial", description = "Plan although the stick's serial differs from spec.serial.")
  boolean ignoreSerial;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    DriveAssignment assignment;
    try {
      assignment = spec.resolve();
    } catch (DriveInput.Invalid e) {
      Output.problems(err, e.problems);
      return 2;
    }
    boolean json = target.output == Output.Format.json;
    EngineListener listener = json ? EngineListener.NONE : new ProgressBar(out, System.console() != null);
    ConvergeOptions options = ConvergeOptions.defaults().withAllowlist(target.allowlist()).withIgnoreSerial(ignoreSerial)
        .withVentoyRelease(ventoyRelease);
    return Runs.withTarget(target, null, err, (engine, device, cancellation) -> {
      EngineResult result = engine.diff(device, assignment, target.verify, options, listener, cancellation);
      if (result.plan() == null) {
        Output.failure(err, result.failure().reason(), result.failure().message());
        return result.failure().kind().exitCode();
      }
      if (json) {
        Output.json(out, Output.planned(result, device.describe()));
      } else {
        Output.summary(out, result, device.describe(), false);
      }
      return 0;
    });
  }
}
