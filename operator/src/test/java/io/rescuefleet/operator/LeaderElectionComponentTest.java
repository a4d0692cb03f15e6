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
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Two replicas against one API server: one holds the Lease and serves stations; the other takes over when it stops. */
class LeaderElectionComponentTest {
  @Test
  void oneReplicaLeadsAndTheOtherTakesOver() {
    try (InProcessApiServer server = InProcessApiServer.start(); KubernetesClient client = server.newClient()) {
      client.resource(Fixtures.tokenSecret("lab-le-token", "tok")).create();
      client.resource(Fixtures.station("lab-le", "lab-le-token", "1-1")).create();
      RescueFleetOperator a = RescueFleetOperator.start(client, config("replica-a"));
      RescueFleetOperator b = RescueFleetOperator.start(client, config("replica-b"));
      try {
        await().atMost(Duration.ofSeconds(20)).until(() -> a.isLeader() || b.isLeader());
        RescueFleetOperator leader = a.isLeader() ? a : b;
        RescueFleetOperator standby = leader == a ? b : a;
        assertThat(standby.isLeader()).isFalse();
        Lease lease = client.leases().inNamespace("rescuefleet-system").withName("rescuefleet-operator").get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(leader == a ? "replica-a" : "replica-b");

        try (StationClient toStandby = new StationClient(standby.stationApiPort(), "lab-le", "tok");
            StationClient toLeader = new StationClient(leader.stationApiPort(), "lab-le", "tok")) {
          var refused = toStandby.heartbeat(Wire.heartbeat());
          assertThat(refused.status()).isEqualTo(503);
          assertThat(refused.error().error()).contains("not the leader");
          assertThat(toLeader.heartbeat(Wire.heartbeat()).status()).isEqualTo(200);

          leader.close();
          await().atMost(Duration.ofSeconds(20)).until(standby::isLeader);
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
        "rescuefleet-system", identity, Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(300), false));
  }
}
