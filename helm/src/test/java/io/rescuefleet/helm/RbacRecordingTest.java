package io.rescuefleet.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.rescuefleet.api.v1alpha1.CatalogEntry;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.ObjectRef;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.WtgProfile;
import io.rescuefleet.api.v1alpha1.WtgProfileSpec;
import io.rescuefleet.api.v1alpha1.WtgTarget;
import io.rescuefleet.api.wire.ReportBatch.Outcome;
import io.rescuefleet.operator.RescueFleetOperator;
import io.rescuefleet.operator.config.OperatorConfig;
import io.rescuefleet.operator.config.OperatorConfig.LeaderElection;
import io.rescuefleet.operator.devserver.InProcessApiServer;
import io.rescuefleet.operator.testing.Fixtures;
import io.rescuefleet.operator.testing.StationClient;
import io.rescuefleet.operator.testing.Wire;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC against what the operator really calls: the operator runs against the in-process
 * API server with leader election, all five controllers busy (valid and invalid specs, a station
 * heartbeating and reporting, a catalog whose signature key lives in a Secret, an Event repeated
 * into a patch); its client records every request; the (apiGroup, resource, verb) set is compared
 * with the ClusterRole and Role the chart renders. Every call must be granted (names included where
 * a rule names them) and every grant must have been used.
 */
class RbacRecordingTest {
  private static final String NS = "it-ops";
  private static final String SYSTEM = HelmChart.NAMESPACE;
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** The operator's own Pod, which as leader it labels for the leader-only Service. */
  private static final String OWN_POD = "rescuefleet-operator-5d8f7c9b6-x2k4q";
  /**
   * Granted to every authenticated user by Kubernetes' default system:basic-user ClusterRole, so the
   * chart need not: java-operator-sdk asks whether it may use Leases before electing a leader.
   */
  private static final String RULES_REVIEW = "authorization.k8s.io selfsubjectrulesreviews create";
  private static final Set<String> DEFAULT_GRANTS = Set.of(RULES_REVIEW);
  /**
   * What that review must show before java-operator-sdk starts leader election
   * (LeaderElectionManager#checkLeaseAccess): create, update and get on leases, unnamed or naming the
   * Lease. fabric8 then renews with patch, so update is needed for the check alone.
   */
  private static final List<String> LEASE_CHECK = List.of("create", "update", "get");

  private final ConcurrentLinkedQueue<ApiCall> calls = new ConcurrentLinkedQueue<>();

  @Test
  void theChartGrantsExactlyWhatTheOperatorCalls() throws Exception {
    try (InProcessApiServer server = InProcessApiServer.start();
         KubernetesClient setup = server.newClient();
         KubernetesClient recorded = recordingClient(server.url())) {
      setUp(setup);
      RescueFleetOperator operator = RescueFleetOperator.start(recorded, OperatorConfig.inProcessApiServer()
          .withLeaderElection(new LeaderElection(LeaderElection.DEFAULT_LEASE_NAME, SYSTEM, "rbac-test",
              Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(300), false)
              .withPod(new OperatorConfig.PodName(SYSTEM, OWN_POD))));
      try {
        exercise(setup, operator);
      } finally {
        operator.close();
      }
    }

    Set<String> used = new TreeSet<>();
    for (ApiCall c : calls) {
      used.add(c.group() + " " + c.resource() + " " + c.verb());
    }
    assertThat(used).as("leader election ran its permission check").contains(RULES_REVIEW);
    used.removeAll(DEFAULT_GRANTS);
    System.out.println("operator calls: " + used);
    LEASE_CHECK.forEach(verb -> used.add("coordination.k8s.io leases " + verb));

    List<Grant> grants = grants();
    assertThat(grants.stream().filter(g -> g.rule().getApiGroups().contains("coordination.k8s.io")
        && g.rule().getResources().contains("leases") && (g.rule().getResourceNames().isEmpty()
        || g.rule().getResourceNames().contains(LeaderElection.DEFAULT_LEASE_NAME)))
        .flatMap(g -> g.rule().getVerbs().stream()).toList())
        .as("the Role passes java-operator-sdk's lease check").containsAll(LEASE_CHECK);
    for (ApiCall c : calls) {
      if (DEFAULT_GRANTS.contains(c.group() + " " + c.resource() + " " + c.verb())) {
        continue;
      }
      assertThat(grants).as("a grant for %s", c).anyMatch(g -> g.allows(c));
    }
    for (Grant g : grants) {
      for (String verb : g.rule().getVerbs()) {
        for (String resource : g.rule().getResources()) {
          String key = g.rule().getApiGroups().get(0) + " " + resource + " " + verb;
          assertThat(used).as("%s grants %s, which the operator never called", g.where(), key).contains(key);
        }
      }
    }
  }

  /** What a realistic run touches, created before the operator starts (its client records only its own calls). */
  private static void setUp(KubernetesClient client) {
    client.resource(new io.fabric8.kubernetes.api.model.PodBuilder()
        .withMetadata(new ObjectMetaBuilder().withNamespace(SYSTEM).withName(OWN_POD).build()).build()).create();
    client.resource(Fixtures.policy(NS, "default")).create();
    IsoCatalog catalog = Fixtures.catalog(NS, "rescue-set", 2);
    CatalogEntry signed = catalog.getSpec().entries.get(0);
    signed.signature = new CatalogEntry.Signature();
    signed.signature.url = "https://mirror.example.org/image-0.iso.asc";
    signed.signature.keySecretRef = new io.rescuefleet.api.v1alpha1.SecretKeyRef(null, "image-key", "pubkey.asc");
    client.resource(catalog).create();
    client.resource(new SecretBuilder().withMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("image-key").build())
        .withStringData(Map.of("pubkey.asc", "-----BEGIN PGP PUBLIC KEY BLOCK-----")).build()).create();
    WtgProfile profile = new WtgProfile();
    profile.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("win").build());
    profile.setSpec(new WtgProfileSpec());
    profile.getSpec().image = new WtgProfileSpec.WtgImage();
    profile.getSpec().image.url = "https://mirror.example.org/install.wim";
    profile.getSpec().image.sha256 = Fixtures.SHA;
    profile.getSpec().index = 1;
    profile.getSpec().target = WtgTarget.VhdFile;
    profile.getSpec().vhdPath = "wtg/win.vhd";
    profile.getSpec().sizeMiB = 4096L;
    client.resource(profile).create();
    client.resource(Fixtures.tokenSecret("lab-rbac-token", "tok-rbac")).create();
    client.resource(Fixtures.station("lab-rbac", "lab-rbac-token", "1-1", "1-2")).create();
    RescueDrive drive = Fixtures.driveBySerial(NS, "stick", "RBAC1", "rescue-set");
    drive.getSpec().wtgProfileRef = new ObjectRef("win");
    client.resource(drive).create();
    client.resource(Fixtures.driveBySerial(NS, "broken", "RBAC2", "no-such-set")).create();
  }

  private static void exercise(KubernetesClient client, RescueFleetOperator operator) {
    await().atMost(WAIT).until(operator::isLeader);
    await().atMost(WAIT).until(() -> "true".equals(client.pods().inNamespace(SYSTEM).withName(OWN_POD).get()
        .getMetadata().getLabels().get("rescuefleet.io/leader")));
    try (StationClient lab = new StationClient(operator.stationApiPort(), "lab-rbac", "tok-rbac")) {
      lab.heartbeatOk(Wire.heartbeat(Wire.stick("RBAC1", "1-1", "i1")));
      await().atMost(WAIT).untilAsserted(() -> assertThat(lab.assignmentsOk().assignments()).hasSize(1));
      String digest = lab.assignmentsOk().assignments().get(0).assignment().contentDigest();
      lab.reportsOk(Wire.batch("b1", Wire.report(NS + "/stick", "RBAC1", "1-1", "i1", 1, DrivePhase.Ready, null, List.of(),
          null, new Outcome(true, 10, false, false, digest, null, null), 10)));
      await().atMost(WAIT).until(() -> phase(client, "stick") == DrivePhase.Ready);
      // The broken drive turns valid and then invalid again with the same complaint: the recorder patches its Event.
      client.resource(Fixtures.catalog(NS, "no-such-set", 1)).create();
      await().atMost(WAIT).until(() -> validReason(client).equals("Resolved"));
      client.resources(IsoCatalog.class).inNamespace(NS).withName("no-such-set").delete();
      await().atMost(WAIT).until(() -> client.v1().events().inNamespace(NS).list().getItems().stream()
          .anyMatch(e -> e.getInvolvedObject().getName().equals("broken") && e.getCount() != null && e.getCount() >= 2));
      await().atMost(WAIT).until(() -> statusOf(client, ImagingStation.class, null, "lab-rbac")
          && statusOf(client, IsoCatalog.class, NS, "rescue-set") && statusOf(client, WtgProfile.class, NS, "win")
          && statusOf(client, FleetPolicy.class, NS, "default"));
    }
  }

  private static DrivePhase phase(KubernetesClient client, String name) {
    RescueDrive d = client.resources(RescueDrive.class).inNamespace(NS).withName(name).get();
    return d == null || d.getStatus() == null ? null : d.getStatus().phase;
  }

  private static String validReason(KubernetesClient client) {
    RescueDrive d = client.resources(RescueDrive.class).inNamespace(NS).withName("broken").get();
    return d == null || d.getStatus() == null ? "" : d.getStatus().conditions.stream()
        .filter(c -> c.getType().equals("Valid")).map(c -> c.getReason()).findFirst().orElse("");
  }

  private static boolean statusOf(KubernetesClient client, Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> kind,
      String namespace, String name) {
    var resources = client.resources(kind);
    var o = namespace == null ? resources.withName(name).get() : resources.inNamespace(namespace).withName(name).get();
    return o != null && o.getStatus() != null;
  }

  /** A client for the operator whose every request (watches included) is recorded as an {@link ApiCall}. */
  private KubernetesClient recordingClient(String url) {
    Interceptor recorder = new Interceptor() {
      @Override
      public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
        ApiCall.of(request.method(), request.uri()).ifPresent(calls::add);
      }
    };
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(io.fabric8.kubernetes.client.Config.empty()).withMasterUrl(url)
            .withNamespace("default").withRequestTimeout(30_000).build())
        .withHttpClientFactory(new JdkHttpClientFactory())
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("rbac-recorder", recorder))
        .build();
  }

  /** A rule of the rendered chart and where it comes from. */
  private record Grant(String where, PolicyRule rule, String namespace) {
    boolean allows(ApiCall c) {
      return rule.getApiGroups().contains(c.group()) && rule.getResources().contains(c.resource())
          && rule.getVerbs().contains(c.verb())
          && (rule.getResourceNames().isEmpty() || rule.getResourceNames().contains(c.name()))
          && (namespace == null || namespace.equals(c.namespace()));
    }
  }

  private static List<Grant> grants() {
    Rendered chart = HelmChart.template();
    List<Grant> grants = new java.util.ArrayList<>();
    chart.get(ClusterRole.class, "rescuefleet").getRules().forEach(r -> grants.add(new Grant("ClusterRole", r, null)));
    Role leases = chart.get(Role.class, "rescuefleet-leader-election");
    leases.getRules().forEach(r -> grants.add(new Grant("Role " + leases.getMetadata().getName(), r,
        leases.getMetadata().getNamespace())));
    return grants;
  }
}
