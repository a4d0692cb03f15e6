package io.rescuefleet.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Grafana dashboard ConfigMap: found by the sidecar, the panels the fleet needs, valid PromQL on real metrics. */
class GrafanaDashboardTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern METRIC = Pattern.compile("\\b(rescuefleet_[a-z_]+)");
  private static final String[] ENABLED = {"grafanaDashboard.enabled=true"};

  @Test
  void absentByDefault() {
    assertThat(HelmChart.template().find(ConfigMap.class, "rescuefleet-dashboard")).isEmpty();
  }

  @Test
  void carriesTheSidecarLabel() {
    ConfigMap configMap = HelmChart.template(ENABLED).get(ConfigMap.class, "rescuefleet-dashboard");

    assertThat(configMap.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(configMap.getMetadata().getNamespace()).isEqualTo(HelmChart.NAMESPACE);
    assertThat(configMap.getData()).containsOnlyKeys("rescuefleet.json");
  }

  @Test
  void namespaceLabelAndFolderFollowTheValues() {
    ConfigMap configMap = HelmChart.templateWithValues("everything-on.yaml", "grafanaDashboard.label=dashboards",
        "grafanaDashboard.labelValue=rescue").get(ConfigMap.class, "fleet-dashboard");

    assertThat(configMap.getMetadata().getNamespace()).isEqualTo("monitoring");
    assertThat(configMap.getMetadata().getLabels()).containsEntry("dashboards", "rescue")
        .doesNotContainKey("grafana_dashboard");
    assertThat(configMap.getMetadata().getAnnotations()).containsEntry("grafana_folder", "RescueFleet");
  }

  @Test
  void showsWhatTheFleetNeeds() throws IOException {
    JsonNode dashboard = dashboard();

    assertThat(dashboard.get("uid").asText()).isEqualTo("rescuefleet-fleet");
    assertThat(titles(dashboard)).contains(
        "Drives by phase",
        "Write throughput per station",
        "Read throughput per station",
        "Drift detected and corrected",
        "Alerts firing by kind",
        "Stations up");
  }

  @Test
  void everyPanelQueriesThePrometheusChosenInTheDatasourceVariable() throws IOException {
    JsonNode dashboard = dashboard();

    assertThat(dashboard.at("/templating/list/0/name").asText()).isEqualTo("datasource");
    assertThat(dashboard.at("/templating/list/0/query").asText()).isEqualTo("prometheus");
    for (JsonNode panel : dashboard.get("panels")) {
      assertThat(panel.at("/datasource/uid").asText()).as(panel.get("title").asText()).isEqualTo("${datasource}");
      assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
    }
  }

  @Test
  void queriesUseOnlyTheOperatorsMetrics() throws IOException {
    for (Map.Entry<String, String> query : queries(dashboard()).entrySet()) {
      Matcher metrics = METRIC.matcher(query.getValue());
      assertThat(metrics.find()).as("%s queries no rescuefleet metric", query.getKey()).isTrue();
      do {
        assertThat(OperatorMetrics.NAMES).as(query.getKey()).contains(metrics.group(1));
      } while (metrics.find());
    }
  }

  @Test
  void panelsDoNotOverlap() throws IOException {
    List<JsonNode> panels = new ArrayList<>();
    dashboard().get("panels").forEach(panels::add);

    for (int i = 0; i < panels.size(); i++) {
      for (int j = i + 1; j < panels.size(); j++) {
        assertThat(overlap(panels.get(i).get("gridPos"), panels.get(j).get("gridPos")))
            .as("%s overlaps %s", panels.get(i).get("title"), panels.get(j).get("title")).isFalse();
      }
    }
  }

  @Test
  void promtoolParsesEveryQuery(@TempDir Path dir) throws Exception {
    // promtool has no offline query checker; recording rules make it parse each expression.
    List<Map<String, String>> rules = new ArrayList<>();
    queries(dashboard()).forEach((panel, expr) -> rules.add(Map.of(
        "record", "rescuefleet_dashboard:" + panel.replaceAll("[^A-Za-z0-9]+", "_"),
        "expr", expr.replace("$__rate_interval", "5m"))));
    new YAMLMapper().writeValue(dir.resolve("dashboard-queries.yml").toFile(),
        Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules))));

    ExternalTool.Result result = ExternalTool.PROMTOOL.run(dir, "check", "rules", "dashboard-queries.yml");

    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertThat(result.output()).contains("SUCCESS: " + rules.size() + " rules found");
  }

  private static JsonNode dashboard() throws IOException {
    ConfigMap configMap = HelmChart.template(ENABLED).get(ConfigMap.class, "rescuefleet-dashboard");
    return JSON.readTree(configMap.getData().get("rescuefleet.json"));
  }

  private static List<String> titles(JsonNode dashboard) {
    List<String> titles = new ArrayList<>();
    dashboard.get("panels").forEach(p -> titles.add(p.get("title").asText()));
    return titles;
  }

  /** Every query by "panel title refId". */
  private static Map<String, String> queries(JsonNode dashboard) {
    Map<String, String> queries = new LinkedHashMap<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        queries.put(panel.get("title").asText() + " " + target.get("refId").asText(), target.get("expr").asText());
      }
    }
    return queries;
  }

  private static boolean overlap(JsonNode a, JsonNode b) {
    return a.get("x").asInt() < b.get("x").asInt() + b.get("w").asInt()
        && b.get("x").asInt() < a.get("x").asInt() + a.get("w").asInt()
        && a.get("y").asInt() < b.get("y").asInt() + b.get("h").asInt()
        && b.get("y").asInt() < a.get("y").asInt() + a.get("h").asInt();
  }
}
