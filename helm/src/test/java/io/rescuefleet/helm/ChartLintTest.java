package io.rescuefleet.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `helm lint --strict` on the chart with default and non-default values, and with values that break the schema. */
class ChartLintTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void chartLintsCleanInStrictMode() {
    LintResult result = new Helm(HelmChart.DIR).lint().strict().call();

    assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
    // Only the icon recommendation may remain; warnings and errors would fail strict lint anyway.
    assertThat(result.getMessages()).allMatch(m -> m.startsWith("[INFO]"));
  }

  @Test
  void chartLintsCleanWithEveryPartEnabled(@TempDir Path copy) throws IOException {
    // Lint also renders NOTES.txt, which `helm template` leaves out.
    copyChart(HelmChart.DIR, copy);
    ObjectNode values = (ObjectNode) YAML.readTree(copy.resolve("values.yaml").toFile());
    merge(values, YAML.readTree(HelmChart.testValues("everything-on.yaml").toFile()));
    YAML.writeValue(copy.resolve("values.yaml").toFile(), values);

    LintResult result = new Helm(copy).lint().strict().call();

    assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
  }

  @Test
  void lintReportsAValuesTypoAgainstTheSchema(@TempDir Path copy) throws IOException {
    // helm-java's lint takes no values file, so lint a copy whose values.yaml has the typo.
    copyChart(HelmChart.DIR, copy);
    Path values = copy.resolve("values.yaml");
    Files.writeString(values, Files.readString(values).replace("  replicas: 1", "  replica: 1"));

    LintResult result = new Helm(copy).lint().strict().call();

    assertThat(result.isFailed()).isTrue();
    assertThat(String.join("\n", result.getMessages()))
        .contains("operator")
        .contains("Additional property replica is not allowed");
  }

  /** Helm's merge of a values file over the defaults: maps merge, null removes a key. */
  private static void merge(ObjectNode target, JsonNode overrides) {
    overrides.fields().forEachRemaining(entry -> {
      JsonNode current = target.get(entry.getKey());
      if (entry.getValue().isNull()) {
        target.remove(entry.getKey());
      } else if (current instanceof ObjectNode currentObject && entry.getValue().isObject()) {
        merge(currentObject, entry.getValue());
      } else {
        target.set(entry.getKey(), entry.getValue());
      }
    });
  }

  private static void copyChart(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
