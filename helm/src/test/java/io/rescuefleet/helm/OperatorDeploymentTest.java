package io.rescuefleet.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator Deployment: the contract's flags, leader-election identity, probes, scheduling values. */
class OperatorDeploymentTest {

  @Test
  void defaultsRunOneLeaderElectingReplicaWatchingAllNamespaces() {
    Deployment deployment = HelmChart.template().get(Deployment.class, "rescuefleet");
    Container operator = container(deployment);

    assertThat(deployment.getMetadata().getNamespace()).isEqualTo(HelmChart.NAMESPACE);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(operator.getImage()).isEqualTo("ghcr.io/rescuefleet/operator:0.1.0");
    assertThat(operator.getCommand()).as("the image's entrypoint runs the operator").isEmpty();
    assertThat(operator.getArgs()).containsExactly(
        "--station-api-port=8081",
        "--http-port=8080",
        "--namespace=",
        "--coalesce-interval=1s",
        "--leader-election=true");
    assertThat(operator.getEnv()).extracting(EnvVar::getName, e -> e.getValueFrom().getFieldRef().getFieldPath())
        .containsExactly(
            tuple("POD_NAMESPACE", "metadata.namespace"),
            tuple("POD_NAME", "metadata.name"));
  }

  @Test
  void probesAndPortsFollowTheHttpContract() {
    Container operator = container(HelmChart.template().get(Deployment.class, "rescuefleet"));

    assertThat(operator.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
        .containsExactly("station-api:8081", "http:8080");
    assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(operator.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(operator.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
  }

  @Test
  void runsAsNonRootWithAReadOnlyRootFilesystem() {
    Deployment deployment = HelmChart.template().get(Deployment.class, "rescuefleet");
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container operator = container(deployment);

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(operator.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(operator.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(operator.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/tmp"));
    assertThat(pod.getServiceAccountName()).isEqualTo("rescuefleet");
  }

  @Test
  void nonDefaultValuesReachTheDeployment() {
    Deployment deployment = HelmChart.templateWithValues("everything-on.yaml").get(Deployment.class, "fleet");
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container operator = container(deployment);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    assertThat(operator.getImage()).isEqualTo("registry.example.com/rescuefleet/operator:0.2.0-rc1");
    assertThat(operator.getImagePullPolicy()).isEqualTo("Always");
    assertThat(operator.getArgs()).containsExactly(
        "--station-api-port=9443",
        "--http-port=9090",
        "--namespace=it-ops",
        "--coalesce-interval=500ms",
        "--leader-election=true",
        "--tls-secret=rescuefleet-system/fleet-station-api-tls",
        "--some-future-flag=yes");
    assertThat(operator.getEnv()).extracting(EnvVar::getName)
        .containsExactly("POD_NAMESPACE", "POD_NAME", "JAVA_TOOL_OPTIONS");
    assertThat(operator.getResources().getLimits()).containsEntry("memory", new Quantity("768Mi"));
    assertThat(operator.getResources().getRequests()).containsEntry("cpu", new Quantity("250m"));
    assertThat(pod.getNodeSelector()).isEqualTo(Map.of("kubernetes.io/os", "linux"));
    assertThat(pod.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
    assertThat(pod.getAffinity().getPodAntiAffinity()).isNotNull();
    assertThat(pod.getPriorityClassName()).isEqualTo("system-cluster-critical");
    assertThat(pod.getImagePullSecrets()).singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo("ghcr-pull"));
    assertThat(pod.getServiceAccountName()).isEqualTo("fleet-operator");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("example.com/team", "platform");
  }

  @Test
  void leaderElectionCanBeTurnedOffForASingleReplica() {
    Container operator = container(HelmChart.template("operator.leaderElection.enabled=false")
        .get(Deployment.class, "rescuefleet"));

    assertThat(operator.getArgs()).contains("--leader-election=false");
  }

  private static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals("operator"))
        .findFirst()
        .orElseThrow();
  }
}
