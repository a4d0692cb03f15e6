package io.rescuefleet.station.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rescuefleet.api.load.ManifestLoadException;
import io.rescuefleet.api.load.ManifestLoader;
import io.rescuefleet.api.load.ManifestSet;
import io.rescuefleet.api.resolve.DriveAssignment;
import io.rescuefleet.api.resolve.Resolver;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.validate.InvalidSpecException;
import io.rescuefleet.api.validate.ManifestValidator;
import io.rescuefleet.api.validate.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@code -f} files into the one RescueDrive's assignment, with the shared loader, validator and
 * resolver: exactly the checks the operator applies.
 */
final class DriveInput {
  private DriveInput() {}

  /** The input was invalid; every problem names file, object and field. */
  static final class Invalid extends RuntimeException {
    final List<String> problems;

    Invalid(List<String> problems) {
      super(problems.isEmpty() ? "invalid input" : problems.get(0));
      this.problems = List.copyOf(problems);
    }
  }

  /** @param driveName {@code name} or {@code namespace/name} of the drive to use, or null if there is one */
  static DriveAssignment resolve(List<Path> files, String driveName) {
    ManifestSet set;
    try {
      set = new ManifestLoader().load(files);
    } catch (ManifestLoadException e) {
      throw new Invalid(e.problems().stream().map(Problem::toString).toList());
    }
    ManifestValidator validator = new ManifestValidator();
    List<String> problems = new ArrayList<>();
    for (HasMetadata o : set.objects()) {
      validator.validate(o).forEach(p -> problems.add(p.toString()));
    }
    RescueDrive drive;
    try {
      drive = pick(set.drives(), driveName, files);
    } catch (Invalid e) {
      // An invalid object says more than "which drive?": name its fields first.
      problems.addAll(e.problems);
      throw new Invalid(problems);
    }
    try {
      DriveAssignment assignment = new Resolver(validator).resolve(drive, set);
      if (!problems.isEmpty()) {
        throw new Invalid(problems);
      }
      return assignment;
    } catch (InvalidSpecException e) {
      e.problems().stream().map(Problem::toString).filter(p -> !problems.contains(p)).forEach(problems::add);
      throw new Invalid(problems);
    }
  }

  private static RescueDrive pick(List<RescueDrive> drives, String name, List<Path> files) {
    String where = files.stream().map(Path::toString).reduce((a, b) -> a + ", " + b).orElse("");
    if (name != null) {
      return drives.stream()
          .filter(d -> name.equals(d.getMetadata().getName())
              || name.equals(d.getMetadata().getNamespace() + "/" + d.getMetadata().getName()))
          .findFirst()
          .orElseThrow(() -> new Invalid(List.of("--drive " + name + ": no RescueDrive of that name in " + where)));
    }
    if (drives.size() != 1) {
      String names = drives.stream().map(d -> d.getMetadata().getNamespace() + "/" + d.getMetadata().getName()).toList().toString();
      throw new Invalid(List.of(where + ": expected exactly one RescueDrive, found " + drives.size()
          + (drives.isEmpty() ? "" : " " + names + "; choose one with --drive")));
    }
    return drives.get(0);
  }
}
