package io.rescuefleet.station.cli;

import io.rescuefleet.api.resolve.DriveAssignment;
import io.rescuefleet.station.engine.ConvergeOptions;
import io.rescuefleet.station.engine.EngineListener;
import io.rescuefleet.station.engine.EngineResult;
import io.rescuefleet.station.failure.StationException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rescue-station apply}: makes the stick match its RescueDrive. */
@Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Make the stick at --target exactly what its RescueDrive says, writing as few bytes as possible.",
        "Exit codes: 0 converged, 2 invalid input, 3 target refused, 4 source or verification failure, 1 other."})
final class ApplyCommand implements Callable<Integer> {
  @Mixin
  SpecOptions spec;

  @Mixin
  TargetOptions target;

  @Option(names = "--size", paramLabel = "SIZE", description = "Create the image file with this size when missing, e.g. 512M, 8G.")
  String size;

  @Option(names = "--ventoy-release", paramLabel = "DIR", description = "An unpacked Ventoy release to install the boot code from.")
  Path ventoyRelease;

  @Option(names = "--ignore-serial", description = "Proceed although the stick's serial differs from spec.serial.")
  boolean ignoreSerial;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    DriveAssignment assignment;
    Long createSize;
    try {
      assignment = spec.resolve();
      createSize = size == null ? null : SizeParser.parse(size);
    } catch (DriveInput.Invalid e) {
      Output.problems(err, e.problems);
      return 2;
    } catch (StationException e) {
      Output.failure(err, e.reason(), e.getMessage());
      return e.kind().exitCode();
    }
    boolean json = target.output == Output.Format.json;
    EngineListener listener = json ? EngineListener.NONE : new ProgressBar(out, System.console() != null);
    ConvergeOptions options = ConvergeOptions.defaults().withAllowlist(target.allowlist()).withIgnoreSerial(ignoreSerial)
        .withVentoyRelease(ventoyRelease);
    return Runs.withTarget(target, createSize, err, (engine, device, cancellation) -> {
      EngineResult result = engine.converge(device, assignment, target.verify, options, listener, cancellation);
      if (json) {
        Output.json(out, Output.applied(result, device.describe()));
      } else {
        Output.summary(out, result, device.describe(), true);
      }
      if (result.failure() != null) {
        Output.failure(err, result.failure().reason(), result.failure().message());
        return result.failure().kind().exitCode();
      }
      return result.converged() ? 0 : 1;
    });
  }
}
