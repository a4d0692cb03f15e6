package io.rescuefleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.rescuefleet.api.v1alpha1.ApiConstants;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which API a LocalFleet runs against: the in-process API server (every other e2e test runs on it)
 * unless KUBECONFIG names a cluster or a Docker engine can run k3s; those paths cannot run here (no
 * cluster, no Docker engine), so only the choice and the CRDs they would apply are checked.
 */
class FleetApiTest {
  @Test
  void onlyANonBlankKubeconfigNamesARealCluster() {
    assertThat(FleetApi.namesCluster(Map.of())).isFalse();
    assertThat(FleetApi.namesCluster(Map.of("KUBECONFIG", " "))).isFalse();
    assertThat(FleetApi.namesCluster(Map.of("KUBECONFIG", "/root/.kube/config"))).isTrue();
  }

  @Test
  void kubeconfigFirstThenK3sWhereDockerAnswersUnlessDeclinedElseInProcess() {
    Map<String, String> kubeconfig = Map.of("KUBECONFIG", "/root/.kube/config");
    assertThat(FleetApi.choose(kubeconfig, true)).isEqualTo(FleetApi.Backend.KUBECONFIG);
    assertThat(FleetApi.choose(kubeconfig, false)).isEqualTo(FleetApi.Backend.KUBECONFIG);
    assertThat(FleetApi.choose(Map.of(), true)).isEqualTo(FleetApi.Backend.K3S);
    assertThat(FleetApi.choose(Map.of("RESCUEFLEET_K3S", "off"), true)).isEqualTo(FleetApi.Backend.IN_PROCESS);
    assertThat(FleetApi.choose(Map.of(), false)).isEqualTo(FleetApi.Backend.IN_PROCESS);
  }

  @Test
  void theCrdsComeFromCrdsManifests() {
    assertThat(FleetApi.crds(FleetApi.crdsDir()))
        .extracting(CustomResourceDefinition::getSpec)
        .extracting(s -> s.getGroup() + "/" + s.getNames().getKind())
        .containsExactlyInAnyOrder(ApiConstants.GROUP + "/FleetPolicy", ApiConstants.GROUP + "/ImagingStation",
            ApiConstants.GROUP + "/IsoCatalog", ApiConstants.GROUP + "/RescueDrive", ApiConstants.GROUP + "/WtgProfile");
  }
}
