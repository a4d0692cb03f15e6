package io.rescuefleet.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;

/** The alerting rules of a rendered PrometheusRule, as the plain maps Prometheus reads. */
final class AlertRules {
  private AlertRules() {}

  static List<Map<String, Object>> groups(Rendered rendered, String name) {
    GenericKubernetesResource rule = rendered.custom("PrometheusRule", name);
    return rule.get("spec", "groups");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rules(Rendered rendered, String name) {
    return groups(rendered, name).stream()
        .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
        .toList();
  }

  static Map<String, Object> rule(Rendered rendered, String name, String alert) {
    return rules(rendered, name).stream()
        .filter(r -> alert.equals(r.get("alert")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no alert " + alert + " in PrometheusRule " + name));
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> labels(Map<String, Object> rule) {
    return (Map<String, String>) rule.get("labels");
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> annotations(Map<String, Object> rule) {
    return (Map<String, String>) rule.get("annotations");
  }
}
