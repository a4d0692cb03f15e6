package io.rescuefleet.station.cli;

import io.rescuefleet.api.resolve.DriveAssignment;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the desired state comes from, for the commands that converge or plan: YAML files and which drive. */
final class SpecOptions {
  @Option(names = {"-f", "--filename"}, required = true, arity = "1..*", paramLabel = "FILE|DIR",
      description = "YAML with one RescueDrive and what it references, as for kubectl apply -f.")
  List<Path> files;

  @Option(names = "--drive", paramLabel = "NAME", description = "Which RescueDrive, when the files hold several.")
  String drive;

  /** The drive's resolved assignment; {@link DriveInput.Invalid} lists every problem with its file and field. */
  DriveAssignment resolve() {
    return DriveInput.resolve(files, drive);
  }
}
