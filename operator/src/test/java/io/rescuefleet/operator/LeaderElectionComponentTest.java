package io.rescuefleet.operator;

import io.rescuefleet.operator.devserver.InProcessApiServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rescuefleet.operator.config.OperatorConfig;
import io.rescuefleet.operator.config.OperatorConfig.LeaderElection;
import io.rescuefleet.operator.testing.Fixtures;

import io.rescuefleet.operator.testing.StationClient;
import io.rescuefleet.operator.testing.Wire;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.rescuefleet.operator.config.OperatorConfig.PodName;
import io.rescuefleet.operator.leader.LeaderPodLabel;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two replicas against one API server: one holds the Lease, serves stations and carries the leader
 * label the chart's Service selects; the other takes over, label included, when it stops.
 */
class LeaderElectionComponentTest {
  private static final String NAMESPACE = "rescuefleet-system";

  @Test
  void oneReplicaLeadsAndTheOtherTakesOver() {
    try (InProcessApiServer server = InProcessApiServer.start(); KubernetesClient client = server.newClient()) {
      client.resource(Fixtures.tokenSecret("lab-le-token", "tok")).create();
      client.resource(Fixtures.station("lab-le", "lab-le-token", "1-1")).create();
      client.resource(pod("replica-a", Map.of("app", "rescuefleet"))).create();
      // replica-b's previous container led: its Pod still carries the label until the new one clears it.
      client.resource(pod("replica-b", Map.of("app", "rescuefleet", LeaderPodLabel.LABEL, "true"))).create();
      RescueFleetOperator a = RescueFleetOperator.start(client, config("replica-a"));
      RescueFleetOperator b = RescueFleetOperator.start(client, config("replica-b"));
      try {
        await().atMost(Duration.ofSeconds(20)).until(() -> a.isLeader() || b.isLeader());
        RescueFleetOperator leader = a.isLeader() ? a : b;
        RescueFleetOperator standby = leader == a ? b : a;
        assertThat(standby.isLeader()).isFalse();
        Lease lease = client.leases().inNamespace("rescuefleet-system").withName("rescuefleet-operator").get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(leader == a ? "replica-a" : "replica-b");
        String leaderPod = leader == a ? "replica-a" : "replica-b";
        String standbyPod = leader == a ? "replica-b" : "replica-a";
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
          assertThat(leaderLabel(client, leaderPod)).isEqualTo("true");
          assertThat(leaderLabel(client, standbyPod)).isNull();
        });
        assertThat(labels(client, leaderPod)).containsEntry("app", "rescuefleet");

        try (StationClient toStandby = new StationClient(standby.stationApiPort(), "lab-le", "tok");
            StationClient toLeader = new StationClient(leader.stationApiPort(), "lab-le", "tok")) {
          var refused = toStandby.heartbeat(Wire.heartbeat());
          assertThat(refused.status()).isEqualTo(503);
          assertThat(refused.error().error()).contains("not the leader");
          assertThat(toLeader.heartbeat(Wire.heartbeat()).status()).isEqualTo(200);

          leader.close();
          assertThat(leaderLabel(client, leaderPod)).as("removed before the old leader stops serving").isNull();
          await().atMost(Duration.ofSeconds(20)).until(standby::isLeader);
          await().atMost(Duration.ofSeconds(20)).until(() -> "true".equals(leaderLabel(client, standbyPod)));
          await().atMost(Duration.ofSeconds(20)).until(() -> toStandby.heartbeat(Wire.heartbeat()).status() == 200);
        }
      } finally {
        a.close();
        b.close();
      }
    }
  }

  private static OperatorConfig config(String identity) {
    return OperatorConfig.inProcessApiServer().withLeaderElection(new LeaderElection(LeaderElection.DEFAULT_LEASE_NAME,
        "rescuefleet-system", identity, Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(300), false)
        .withPod(new PodName(NAMESPACE, identity)));
  }

  private static Pod pod(String name, Map<String, String> labels) {
    return new PodBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(name).withLabels(labels).endMetadata()
        .withNewSpec().addNewContainer().withName("operator").withImage("rescuefleet/operator").endContainer().endSpec()
        .build();
  }

  private static Map<String, String> labels(KubernetesClient client, String pod) {
    Map<String, String> labels = client.pods().inNamespace(NAMESPACE).withName(pod).get().getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private static String leaderLabel(KubernetesClient client, String pod) {
    return labels(client, pod).get(LeaderPodLabel.LABEL);
  }
}
