package io.rescuefleet.api.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rescuefleet.api.load.ManifestLoadException;
import io.rescuefleet.api.load.ManifestLoader;
import io.rescuefleet.api.load.ManifestSet;
import io.rescuefleet.api.resolve.ReferenceLookup;
import io.rescuefleet.api.resolve.Resolver;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.WtgProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest under {@code invalid/} must be rejected, and the rejection must name the field its
 * first line ({@code # field: ...}) gives. Cases are loaded, validated and resolved exactly as the
 * CLI does, with {@code _base.yaml} supplying the valid objects they reference.
 */
class InvalidManifestCorpusTest {
  private static final Path CORPUS = Path.of("src/test/resources/invalid");
  private static ManifestSet base;

  @BeforeAll
  static void loadBase() {
    base = new ManifestLoader().load(List.of(CORPUS.resolve("_base.yaml")));
  }

  static Stream<Path> cases() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files.filter(p -> !p.getFileName().toString().startsWith("_")).sorted().toList().stream();
    }
  }

  @Test
  void corpusIsLargeEnough() throws IOException {
    assertThat(cases().count()).isGreaterThanOrEqualTo(85);
  }

  @Test
  void baseIsValid() {
    assertThat(problemsOf(base)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRejectedNamingItsField(Path file) throws IOException {
    String firstLine = Files.readAllLines(file).get(0);
    assertThat(firstLine).as("first line of %s", file).startsWith("# field: ");
    String field = firstLine.substring("# field: ".length()).trim();

    List<Problem> problems;
    try {
      problems = problemsOf(new ManifestLoader().load(List.of(file)));
    } catch (ManifestLoadException e) {
      problems = e.problems();
    }

    problems.forEach(p -> System.out.println(file.getFileName() + " -> " + p));
    assertThat(problems).as("problems of %s", file.getFileName()).isNotEmpty();
    if (field.equals("(yaml)")) {
      assertThat(problems).anySatisfy(p -> assertThat(p.message()).startsWith("not valid YAML"));
      assertThat(problems.get(0).object()).contains(file.getFileName().toString()).contains("line");
    } else {
      assertThat(problems).extracting(Problem::field).contains(field);
      assertThat(problems).anySatisfy(p -> assertThat(p.toString()).contains(field + ": "));
    }
  }

  /** Validation of every object, then resolution of every drive against the case and the base. */
  private static List<Problem> problemsOf(ManifestSet set) {
    ManifestValidator validator = new ManifestValidator();
    List<Problem> problems = new ArrayList<>();
    for (HasMetadata o : set.objects()) {
      problems.addAll(validator.validate(o));
    }
    ReferenceLookup lookup = new CaseFirst(set, base);
    for (RescueDrive drive : set.drives()) {
      try {
        new Resolver(validator).resolve(drive, lookup);
      } catch (InvalidSpecException e) {
        problems.addAll(e.problems());
      }
    }
    return problems;
  }

  private record CaseFirst(ManifestSet first, ManifestSet then) implements ReferenceLookup {
    @Override
    public Optional<IsoCatalog> catalog(String ns, String name) {
      return first.catalog(ns, name).or(() -> then.catalog(ns, name));
    }

    @Override
    public Optional<WtgProfile> wtgProfile(String ns, String name) {
      return first.wtgProfile(ns, name).or(() -> then.wtgProfile(ns, name));
    }

    @Override
    public Optional<FleetPolicy> policy(String ns, String name) {
      return first.policy(ns, name).or(() -> then.policy(ns, name));
    }

    @Override
    public Optional<String> secretValue(String ns, String name, String key) {
      return first.secretValue(ns, name, key).or(() -> then.secretValue(ns, name, key));
    }
  }
}
