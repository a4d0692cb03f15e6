package io.rescuefleet.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.rescuefleet.api.v1alpha1.ApiConstants;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Service in front of the station API and /metrics, and the optional ServiceMonitor scraping it. */
class ServiceAndMonitorTest {

  @Test
  void serviceSelectsTheOperatorPodsAndExposesBothContainerPorts() {
    Rendered rendered = HelmChart.template();
    Service service = rendered.get(Service.class, "rescuefleet");
    Deployment deployment = rendered.get(Deployment.class, "rescuefleet");
    List<String> containerPorts = deployment.getSpec().getTemplate().getSpec().getContainers().get(0)
        .getPorts().stream().map(ContainerPort::getName).toList();

    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    // Every selector label but the leader's, which the leading replica adds to its own Pod.
    Map<String, String> fromTemplate = new java.util.HashMap<>(service.getSpec().getSelector());
    fromTemplate.remove(ApiConstants.LEADER_LABEL);
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(fromTemplate);
    assertThat(fromTemplate).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(service.getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort())
        .containsExactly("station-api:8081", "http:8080");
    assertThat(service.getSpec().getPorts()).extracting(p -> p.getTargetPort().getStrVal())
        .containsExactlyElementsOf(containerPorts);
  }

  @Test
  void withLeaderElectionTheServiceSendsTrafficToTheLeaderOnly() {
    Rendered rendered = HelmChart.template("operator.replicas=2");
    Service service = rendered.get(Service.class, "rescuefleet");
    Deployment deployment = rendered.get(Deployment.class, "rescuefleet");
    Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

    // The leader labels itself: the label is not in the Pod template, and the Service wants it.
    assertThat(service.getSpec().getSelector()).containsEntry(ApiConstants.LEADER_LABEL, "true");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey(ApiConstants.LEADER_LABEL);
    Map<String, String> others = new java.util.HashMap<>(service.getSpec().getSelector());
    others.remove(ApiConstants.LEADER_LABEL);
    assertThat(others).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    // Which Pod to label comes from the downward API.
    assertThat(operator.getEnv()).extracting(e -> e.getName() + "=" + e.getValueFrom().getFieldRef().getFieldPath())
        .contains("POD_NAME=metadata.name", "POD_NAMESPACE=metadata.namespace");
    // Readiness leaves leadership to the label, so a standby is ready and a rolling update completes;
    // liveness never depends on it either.
    assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
  }

  @Test
  void withoutLeaderElectionTheServiceSelectsTheOnePodByItsLabelsAlone() {
    Rendered rendered = HelmChart.template("operator.leaderElection.enabled=false");
    Service service = rendered.get(Service.class, "rescuefleet");
    Deployment deployment = rendered.get(Deployment.class, "rescuefleet");

    assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void stationsOutsideTheClusterCanReachANodePort() {
    Service service = HelmChart.templateWithValues("everything-on.yaml").get(Service.class, "fleet");

    assertThat(service.getSpec().getType()).isEqualTo("NodePort");
    assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName, ServicePort::getPort, ServicePort::getNodePort)
        .containsExactly(
            tuple("station-api", 9443, 30443),
            tuple("http", 9090, null));
  }

  @Test
  void noServiceMonitorByDefault() {
    assertThat(HelmChart.template().findCustom("ServiceMonitor", "rescuefleet")).isEmpty();
  }

  @Test
  void serviceMonitorScrapesTheServicesHttpPort() {
    Rendered rendered = HelmChart.templateWithValues("everything-on.yaml");
    GenericKubernetesResource monitor = rendered.custom("ServiceMonitor", "fleet");
    Service service = rendered.get(Service.class, "fleet");

    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    assertThat(service.getMetadata().getLabels())
        .containsAllEntriesOf(monitor.<Map<String, String>>get("spec", "selector", "matchLabels"));
    assertThat(monitor.<List<String>>get("spec", "namespaceSelector", "matchNames")).containsExactly(HelmChart.NAMESPACE);
    List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
    assertThat(endpoints).singleElement().satisfies(endpoint -> assertThat(endpoint)
        .containsEntry("port", "http")
        .containsEntry("path", "/metrics")
        .containsEntry("interval", "15s")
        .containsEntry("scrapeTimeout", "5s"));
    assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName).contains("http");
  }
}
