package io.rescuefleet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rescuefleet resolve -f DIR}: validates a fleet's YAML and prints each RescueDrive's fully
 * resolved assignment, as the operator would hand it to a station.
 */
@Command(name = "resolve", mixinStandardHelpOptions = true,
    description = "Validate fleet YAML and print every RescueDrive's resolved assignment.")
final class ResolveCommand implements Callable<Integer> {
  static final int EXIT_INVALID = 2;

  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR",
      description = "YAML files or directories, as for kubectl apply -f.")
  List<Path> files;

  @Option(names = "--output", defaultValue = "text", paramLabel = "text|json",
      description = "text (a summary per drive) or json (the assignments).")
  String output;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    ManifestSet set;
    try {
      set = new ManifestLoader().load(files);
    } catch (ManifestLoadException e) {
      e.problems().forEach(p -> System.err.println("invalid: " + p));
      return EXIT_INVALID;
    }
    ManifestValidator validator = new ManifestValidator();
    List<Problem> problems = new ArrayList<>();
    for (HasMetadata o : set.objects()) {
      problems.addAll(validator.validate(o));
    }
    List<DriveAssignment> assignments = new ArrayList<>();
    Resolver resolver = new Resolver(validator);
    for (RescueDrive drive : set.drives()) {
      try {
        assignments.add(resolver.resolve(drive, set));
      } catch (InvalidSpecException e) {
        e.problems().stream().filter(p -> !problems.contains(p)).forEach(problems::add);
      }
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println("invalid: " + p));
      return EXIT_INVALID;
    }
    if ("json".equals(output)) {
      ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
      out.println(json.writeValueAsString(assignments));
      return 0;
    }
    out.printf("%d objects valid; %d RescueDrives resolved%n", set.objects().size(), assignments.size());
    for (DriveAssignment a : assignments) {
      out.printf("%n%s  (digest %s)%n", a.driveKey(), a.contentDigest().substring(0, 12));
      out.printf("  stick:   %s%n", a.serial() != null ? "serial " + a.serial()
          : "claims " + a.claim().station() + " port " + a.claim().port());
      out.printf("  layout:  %s, data %s \"%s\", reserved %d MiB, Ventoy %s%n", a.layout().partitionStyle(),
          a.layout().dataFilesystem(), a.layout().dataLabel(), a.layout().reservedMiB(),
          a.layout().ventoyVersion() == null ? "(boot code not pinned)" : a.layout().ventoyVersion());
      for (DriveAssignment.ResolvedFile f : a.files()) {
        out.printf("  file:    %-44s %s  %s%n", f.path(), f.sha256().substring(0, 12),
            f.size() == null ? "size unknown" : f.size() + " bytes");
      }
      if (a.wtg() != null) {
        out.printf("  wtg:     %s %s, %d MiB, %s%n", a.wtg().profileName(),
            a.wtg().edition() != null ? "edition \"" + a.wtg().edition() + "\"" : "index " + a.wtg().index(),
            a.wtg().sizeMiB(), a.wtg().target());
      }
      out.printf("  ventoy:  %s%n", a.ventoyJson());
      out.printf("  policy:  %s: verify %s, min write %.0f MB/s, min read %.0f MB/s, quarantine %s%n",
          a.policy().source(), a.policy().verifyMode(), a.policy().minWriteMBps(), a.policy().minReadMBps(),
          a.policy().quarantine());
    }
    return 0;
  }
}
