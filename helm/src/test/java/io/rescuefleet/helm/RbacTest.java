package io.rescuefleet.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Least-privilege RBAC: exactly the API calls the operator contract lists, nothing more. */
class RbacTest {
  private static final List<String> KINDS =
      List.of("fleetpolicies", "imagingstations", "isocatalogs", "rescuedrives", "wtgprofiles");

  @Test
  void clusterRoleGrantsExactlyTheOperatorsCalls() {
    ClusterRole role = HelmChart.template().get(ClusterRole.class, "rescuefleet");

    assertThat(role.getRules()).extracting(RbacTest::describe).containsExactly(
        "rescuefleet.io " + KINDS + " [list, watch]",
        "rescuefleet.io " + KINDS.stream().map(k -> k + "/status").toList() + " [patch]",
        " [secrets] [get]",
        " [events] [create, patch]");
  }

  @Test
  void rulesAreComparableOneGroupPerRuleSortedAndWithoutWildcards() {
    List<PolicyRule> rules = HelmChart.template().get(ClusterRole.class, "rescuefleet").getRules();

    assertThat(rules).allSatisfy(rule -> {
      assertThat(rule.getApiGroups()).hasSize(1);
      assertThat(rule.getVerbs()).isSorted().doesNotContain("*");
      assertThat(rule.getResources()).isSorted().doesNotContain("*");
      assertThat(rule.getResourceNames()).isEmpty();
      assertThat(rule.getNonResourceURLs()).isEmpty();
    });
  }

  @Test
  void leasesOnlyInTheReleaseNamespaceAndOnlyTheOperatorsLeaseByName() {
    Role role = HelmChart.template().get(Role.class, "rescuefleet-leader-election");

    assertThat(role.getMetadata().getNamespace()).isEqualTo(HelmChart.NAMESPACE);
    assertThat(role.getRules()).extracting(RbacTest::describe).containsExactly(
        "coordination.k8s.io [leases] [create]",
        "coordination.k8s.io [leases] [get, patch, update] names [rescuefleet-operator]");
  }

  @Test
  void bindingsGiveTheRolesToTheOperatorsServiceAccount() {
    Rendered rendered = HelmChart.template();
    ClusterRoleBinding clusterBinding = rendered.get(ClusterRoleBinding.class, "rescuefleet");
    RoleBinding leaseBinding = rendered.get(RoleBinding.class, "rescuefleet-leader-election");

    assertThat(clusterBinding.getRoleRef().getName()).isEqualTo("rescuefleet");
    assertThat(leaseBinding.getRoleRef().getName()).isEqualTo("rescuefleet-leader-election");
    for (List<Subject> subjects : List.of(clusterBinding.getSubjects(), leaseBinding.getSubjects())) {
      assertThat(subjects).singleElement().satisfies(s -> {
        assertThat(s.getKind()).isEqualTo("ServiceAccount");
        assertThat(s.getName()).isEqualTo("rescuefleet");
        assertThat(s.getNamespace()).isEqualTo(HelmChart.NAMESPACE);
      });
    }
  }

  @Test
  void withoutLeaderElectionThereIsNoLeaseRole() {
    Rendered rendered = HelmChart.template("operator.leaderElection.enabled=false");

    assertThat(rendered.find(Role.class, "rescuefleet-leader-election")).isEmpty();
    assertThat(rendered.find(RoleBinding.class, "rescuefleet-leader-election")).isEmpty();
  }

  @Test
  void rbacAndServiceAccountCanBeLeftToTheInstaller() {
    Rendered rendered = HelmChart.template("rbac.create=false", "serviceAccount.create=false",
        "serviceAccount.name=preexisting");

    assertThat(rendered.names()).noneMatch(n -> n.startsWith("ClusterRole") || n.startsWith("Role")
        || n.startsWith("ServiceAccount/"));
    assertThat(rendered.get(Deployment.class, "rescuefleet")
        .getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("preexisting");
  }

  private static String describe(PolicyRule rule) {
    String names = rule.getResourceNames().isEmpty() ? "" : " names " + rule.getResourceNames();
    return String.join(",", rule.getApiGroups()) + " " + rule.getResources() + " " + rule.getVerbs() + names;
  }
}
