package io.rescuefleet.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.rescuefleet.api.load.ManifestLoader;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.ObjectRef;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveSpec;
import io.rescuefleet.api.v1alpha1.WtgProfile;
import io.rescuefleet.e2e.LocalFleet;
import io.rescuefleet.operator.config.OperatorConfig.LeaderElection;
import io.rescuefleet.operator.devserver.ApiCall;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's RBAC against the API calls the operator really makes: the operator runs (with leader
 * election) against the in-process API server with examples/ applied, a station heartbeating and a
 * drive whose spec breaks twice (a repeated Event), every request its client sends is recorded, and each must be allowed by the rendered ClusterRole,
 * the leader-election Role in the release namespace, or what Kubernetes grants every user
 * (discovery, self rules reviews). Every rule of the chart must also have been used.
 */
class RbacCoversOperatorCallsTest {
  private static final Path EXAMPLES = HelmChart.REPO_ROOT.resolve("examples");
  private static final Set<String> DISCOVERY = Set.of("/api", "/apis", "/version");
  /**
   * Grants the operator needs without making the call: java-operator-sdk checks (with a
   * SelfSubjectRulesReview) that leases may be updated before it starts, though fabric8 renews with patch.
   */
  private static final Set<String> NEEDED_UNUSED = Set.of("[coordination.k8s.io] leases update");

  @Test
  void everyCallTheOperatorMakesIsGrantedAndEveryGrantIsUsed(@TempDir Path work) throws Exception {
    Rendered chart = HelmChart.template();
    List<PolicyRule> clusterRules = chart.get(ClusterRole.class, "rescuefleet").getRules();
    List<PolicyRule> leaseRules = chart.get(Role.class, "rescuefleet-leader-election").getRules();
    Set<ApiCall> calls;
    // As the chart runs it (the lease in the release namespace), without stopping the JVM on loss.
    LeaderElection election = new LeaderElection(LeaderElection.DEFAULT_LEASE_NAME, HelmChart.NAMESPACE, "rescuefleet-0",
        Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2), false);
    try (LocalFleet fleet = LocalFleet.start(work, c -> c.withLeaderElection(election))) {
      fleet.apply(examplesWithoutTheStation());
      fleet.addStation("lab-a", List.of("1-2.1", "1-2.2", "1-2.3"), null);
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
        assertThat(fleet.client().resources(ImagingStation.class).withName("lab-a").get().getStatus())
            .satisfies(s -> assertThat(s.online).isTrue());
        for (Class<? extends HasMetadata> kind : List.of(RescueDrive.class, IsoCatalog.class, FleetPolicy.class, WtgProfile.class)) {
          assertThat(fleet.client().resources(kind).inAnyNamespace().list().getItems())
              .as(kind.getSimpleName() + " status").isNotEmpty()
              .allSatisfy(o -> assertThat(o).extracting("status").isNotNull());
        }
      });
      // The same Warning twice within the aggregation window is one Event whose count is patched.
      fleet.apply(List.of(drive("flapping", "not a serial!")));
      awaitValid(fleet, "flapping", "False");
      fleet.apply(List.of(drive("flapping", "FLAP0001")));
      awaitValid(fleet, "flapping", "True");
      fleet.apply(List.of(drive("flapping", "not a serial!")));
      await().atMost(Duration.ofSeconds(60)).until(() -> fleet.client().v1().events().inNamespace("it-ops").list()
          .getItems().stream().anyMatch(e -> "flapping".equals(e.getInvolvedObject().getName())
              && "Warning".equals(e.getType()) && e.getCount() != null && e.getCount() == 2));
      calls = fleet.operatorCalls();
    }

    assertThat(calls).as("the operator's recorded calls").hasSizeGreaterThan(20);
    Set<String> refused = calls.stream()
        .filter(c -> !grantedToEveryone(c) && !granted(c, clusterRules) && !(HelmChart.NAMESPACE.equals(c.namespace())
            && granted(c, leaseRules)))
        .map(RbacCoversOperatorCallsTest::describe).collect(Collectors.toCollection(TreeSet::new));
    assertThat(refused).as("calls the chart's RBAC would refuse").isEmpty();

    Set<String> unused = new TreeSet<>();
    for (List<PolicyRule> rules : List.of(clusterRules, leaseRules)) {
      for (PolicyRule rule : rules) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            boolean used = calls.stream().anyMatch(c -> rule.getApiGroups().contains(c.apiGroup())
                && resource.equals(c.qualifiedResource()) && verb.equals(c.verb()));
            if (!used) {
              unused.add(rule.getApiGroups() + " " + resource + " " + verb);
            }
          }
        }
      }
    }
    assertThat(unused).as("grants the operator never used").isEqualTo(NEEDED_UNUSED);
  }

  private static RescueDrive drive(String name, String serial) {
    RescueDrive d = new RescueDrive();
    d.setMetadata(new ObjectMetaBuilder().withNamespace("it-ops").withName(name).build());
    d.setSpec(new RescueDriveSpec());
    d.getSpec().serial = serial;
    d.getSpec().catalogRef = new ObjectRef("rescue-set");
    return d;
  }

  private static void awaitValid(LocalFleet fleet, String drive, String status) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      RescueDrive d = fleet.client().resources(RescueDrive.class).inNamespace("it-ops").withName(drive).get();
      assertThat(d.getStatus()).isNotNull();
      assertThat(d.getStatus().conditions).anySatisfy(c -> {
        assertThat(c.getType()).isEqualTo("Valid");
        assertThat(c.getStatus()).isEqualTo(status);
      });
    });
  }

  private static List<HasMetadata> examplesWithoutTheStation() {
    // The fleet registers lab-a itself, with a token its daemon knows.
    return new ManifestLoader().load(List.of(EXAMPLES)).objects().stream()
        .filter(o -> !(o instanceof ImagingStation) && !(o instanceof Secret))
        .toList();
  }

  /** Discovery (system:discovery) and reviews of one's own rules (system:basic-user) are every user's. */
  private static boolean grantedToEveryone(ApiCall call) {
    if (call.nonResourcePath() != null) {
      return call.verb().equals("get") && (DISCOVERY.contains(call.nonResourcePath())
          || call.nonResourcePath().startsWith("/api/") || call.nonResourcePath().startsWith("/apis/"));
    }
    return call.apiGroup().equals("authorization.k8s.io") && call.verb().equals("create")
        && Set.of("selfsubjectrulesreviews", "selfsubjectaccessreviews").contains(call.resource());
  }

  private static boolean granted(ApiCall call, List<PolicyRule> rules) {
    if (call.nonResourcePath() != null) {
      return false;
    }
    return rules.stream().anyMatch(r -> r.getApiGroups().contains(call.apiGroup())
        && r.getResources().contains(call.qualifiedResource())
        && r.getVerbs().contains(call.verb())
        && (r.getResourceNames().isEmpty() || r.getResourceNames().contains(call.name())));
  }

  private static String describe(ApiCall c) {
    return c.nonResourcePath() != null ? c.verb() + " " + c.nonResourcePath()
        : c.verb() + " " + (c.apiGroup().isEmpty() ? "core" : c.apiGroup()) + " " + c.qualifiedResource()
            + (c.namespace() == null ? "" : " in " + c.namespace()) + (c.name() == null ? "" : " named " + c.name());
  }
}
