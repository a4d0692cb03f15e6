package io.rescuefleet.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The PrometheusRule's shape: every alert of the policy and the fleet, labelled, annotated, tuned by values. */
class PrometheusRuleTest {
  private static final String[] ENABLED = {"prometheusRule.enabled=true"};
  private static final Pattern METRIC = Pattern.compile("\\b(rescuefleet_[a-z_]+)");

  @Test
  void absentByDefault() {
    assertThat(HelmChart.template().findCustom("PrometheusRule", "rescuefleet")).isEmpty();
  }

  @Test
  void holdsAnAlertForEveryPolicyKindAndTheFleet() {
    List<Map<String, Object>> rules = AlertRules.rules(HelmChart.template(ENABLED), "rescuefleet");

    assertThat(rules).extracting(r -> r.get("alert")).containsExactly(
        "RescueFleetSlowWrite", "RescueFleetSlowRead", "RescueFleetConsecutiveFailures",
        "RescueFleetVerifyMismatch", "RescueFleetDriveWear", "RescueFleetStationHeartbeatLost",
        "RescueFleetStationDown", "RescueFleetDrivesQuarantined", "RescueFleetDrivesFailed",
        "RescueFleetOperatorDown");
    assertThat(rules).allSatisfy(rule -> {
      assertThat(rule).containsKeys("expr", "for");
      assertThat(AlertRules.labels(rule)).containsKey("severity");
      assertThat(AlertRules.annotations(rule)).containsKeys("summary", "description");
    });
  }

  @Test
  void everyAlertKindOfThePolicyIsSurfaced() {
    String exprs = exprs(AlertRules.rules(HelmChart.template(ENABLED), "rescuefleet"));

    for (String kind : OperatorMetrics.ALERT_KINDS) {
      assertThat(exprs).contains("rescuefleet_alerts_firing{kind=\"" + kind + "\"}");
    }
  }

  @Test
  void expressionsUseOnlyTheOperatorsMetrics() {
    Matcher metrics = METRIC.matcher(exprs(AlertRules.rules(HelmChart.template(ENABLED), "rescuefleet")));

    while (metrics.find()) {
      assertThat(OperatorMetrics.NAMES).contains(metrics.group(1));
    }
  }

  @Test
  void operatorDownWatchesTheServicesScrapeJob() {
    Map<String, Object> rule = AlertRules.rule(HelmChart.template(ENABLED), "rescuefleet", "RescueFleetOperatorDown");

    assertThat(rule.get("expr")).isEqualTo("absent(up{job=\"rescuefleet\"} == 1)");
  }

  @Test
  void valuesTuneDurationsSeveritiesThresholdsJobAndLabels() {
    Rendered rendered = HelmChart.templateWithValues("everything-on.yaml");

    assertThat(rendered.custom("PrometheusRule", "fleet").getMetadata().getLabels())
        .containsEntry("release", "kube-prometheus-stack");
    Map<String, Object> slowWrite = AlertRules.rule(rendered, "fleet", "RescueFleetSlowWrite");
    assertThat(slowWrite.get("for")).isEqualTo("30m");
    assertThat(AlertRules.labels(slowWrite)).containsEntry("severity", "info");
    Map<String, Object> failed = AlertRules.rule(rendered, "fleet", "RescueFleetDrivesFailed");
    assertThat(failed.get("expr")).isEqualTo("max(rescuefleet_drives{phase=\"Failed\"}) > 5");
    assertThat(failed.get("for")).isEqualTo("1h");
    assertThat(AlertRules.rule(rendered, "fleet", "RescueFleetOperatorDown").get("expr"))
        .isEqualTo("absent(up{job=\"rescuefleet-operator\"} == 1)");
    assertThat(AlertRules.rules(rendered, "fleet")).extracting(r -> r.get("alert"))
        .as("wear is disabled in the values").doesNotContain("RescueFleetDriveWear").hasSize(9);
  }

  private static String exprs(List<Map<String, Object>> rules) {
    return String.join("\n", rules.stream().map(r -> (String) r.get("expr")).toList());
  }
}
