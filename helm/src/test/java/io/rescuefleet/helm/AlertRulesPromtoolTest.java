package io.rescuefleet.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendered alert rules checked and unit-tested by the real promtool (`promtool test rules`). */
class AlertRulesPromtoolTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String TESTS = "rescuefleet-alerts.test.yml";
  private static final String RULES = "rescuefleet-rules.yml";

  @TempDir Path dir;
  private Rendered rendered;

  @BeforeEach
  void extractRulesNextToTheTests() throws IOException {
    // promtool resolves the tests' rule_files relative to the test file.
    rendered = HelmChart.template("prometheusRule.enabled=true");
    YAML.writeValue(dir.resolve(RULES).toFile(), Map.of("groups", AlertRules.groups(rendered, "rescuefleet")));
    try (InputStream tests = Objects.requireNonNull(getClass().getResourceAsStream("/promtool/" + TESTS))) {
      Files.copy(tests, dir.resolve(TESTS));
    }
  }

  @Test
  void promtoolAcceptsTheRules() throws Exception {
    ExternalTool.Result result = ExternalTool.PROMTOOL.run(dir, "check", "rules", RULES);

    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertThat(result.output()).contains("SUCCESS: 10 rules found");
  }

  @Test
  void promtoolUnitTestsPass() throws Exception {
    ExternalTool.Result result = ExternalTool.PROMTOOL.run(dir, "test", "rules", TESTS);

    assertThat(result.succeeded()).as(result.output()).isTrue();
  }

  @Test
  void unitTestsFailWhenAnAlertDoesNotFireAsExpected() throws Exception {
    // Guards against tests that pass whatever the rules say: a shorter `for` must break them.
    Rendered quickSlowWrite = HelmChart.template("prometheusRule.enabled=true",
        "prometheusRule.alerts.slowWrite.for=1m");
    YAML.writeValue(dir.resolve(RULES).toFile(), Map.of("groups", AlertRules.groups(quickSlowWrite, "rescuefleet")));

    ExternalTool.Result result = ExternalTool.PROMTOOL.run(dir, "test", "rules", TESTS);

    assertThat(result.succeeded()).isFalse();
    assertThat(result.output()).contains("FAILED").contains("RescueFleetSlowWrite");
  }

  @Test
  void everyAlertHasAFiringAndAQuietCase() throws IOException {
    Set<String> alerts = new TreeSet<>();
    AlertRules.rules(rendered, "rescuefleet").forEach(r -> alerts.add((String) r.get("alert")));
    Set<String> firing = new TreeSet<>();
    Set<String> quiet = new TreeSet<>();
    for (JsonNode test : YAML.readTree(dir.resolve(TESTS).toFile()).get("tests")) {
      for (JsonNode check : test.get("alert_rule_test")) {
        (check.get("exp_alerts").isEmpty() ? quiet : firing).add(check.get("alertname").asText());
      }
    }

    assertThat(firing).as("alerts with a firing case").isEqualTo(alerts);
    assertThat(quiet).as("alerts with a quiet case").isEqualTo(alerts);
  }
}
