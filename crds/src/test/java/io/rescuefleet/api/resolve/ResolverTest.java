package io.rescuefleet.api.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescuefleet.api.load.ManifestLoader;
import io.rescuefleet.api.load.ManifestSet;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.api.validate.InvalidSpecException;
import io.rescuefleet.api.validate.Problem;
import org.junit.jupiter.api.Test;

class ResolverTest {
  private static final String SHA = "b6abd08242c92a509c565e73ca0d54d49ed4d993041f8f54cf179bad7db2b83a";

  private static String catalog(String extraEntryField) {
    return """
        apiVersion: rescuefleet.io/v1alpha1
        kind: IsoCatalog
        metadata: {name: set, namespace: ops}
        spec:
          entries:
            - {name: b, url: "https://m.example.org/b.iso", sha256: %1$s, path: iso/b.iso, menuAlias: "B image"%2$s}
            - {name: a, url: "https://m.example.org/a.iso", sha256: %1$s, path: iso/a.iso, size: 100, labels: {k: v}}
        """.formatted(SHA, extraEntryField);
  }

  private static final String DRIVE = """
      ---
      apiVersion: rescuefleet.io/v1alpha1
      kind: RescueDrive
      metadata: {name: d, namespace: ops, generation: 3}
      spec:
        serial: S1
        catalogRef: {name: set}
      """;

  private static DriveAssignment resolve(String yaml) {
    ManifestSet set = new ManifestLoader().load("test", yaml);
    return new Resolver().resolve(set.drives().get(0), set);
  }

  @Test
  void appliesDefaultsWhenNothingIsSaid() {
    DriveAssignment a = resolve(catalog("") + DRIVE);
    assertThat(a.driveKey()).isEqualTo("ops/d");
    assertThat(a.generation()).isEqualTo(3);
    assertThat(a.layout().partitionStyle().name()).isEqualTo("GPT");
    assertThat(a.layout().dataFilesystem().name()).isEqualTo("exFAT");
    assertThat(a.layout().dataLabel()).isEqualTo("Ventoy");
    assertThat(a.policy().source()).isEqualTo(EffectivePolicy.BUILT_IN);
    assertThat(a.policy().verifyMode()).isEqualTo(VerifyMode.Sampled);
    assertThat(a.policy().minWriteMBps()).isEqualTo(20.0);
    assertThat(a.files()).extracting(DriveAssignment.ResolvedFile::name).containsExactly("b", "a");
    assertThat(a.declaredBytes()).isEqualTo(100);
  }

  @Test
  void rendersVentoyJsonInThePluginFormat() {
    DriveAssignment a = resolve(catalog("") + DRIVE);
    assertThat(a.ventoyJson().toString()).isEqualTo(
        "{\"control\":[{\"VTOY_DEFAULT_MENU_MODE\":\"0\"}],\"menu_alias\":[{\"image\":\"/iso/b.iso\",\"alias\":\"B image\"}]}");
  }

  @Test
  void digestIgnoresYamlOrderAndPolicyButNotContent() {
    String base = resolve(catalog("") + DRIVE).contentDigest();
    String reordered = resolve(DRIVE.replace("---\n", "") + "---\n" + catalog("")).contentDigest();
    assertThat(reordered).isEqualTo(base);

    String withPolicy = resolve(catalog("") + DRIVE + """
        ---
        apiVersion: rescuefleet.io/v1alpha1
        kind: FleetPolicy
        metadata: {name: default, namespace: ops}
        spec: {sampling: {verify: {mode: Full}}}
        """).contentDigest();
    assertThat(withPolicy).isEqualTo(base);

    String otherAlias = resolve(catalog("").replace("B image", "B") + DRIVE).contentDigest();
    assertThat(otherAlias).isNotEqualTo(base);
    String otherGeneration = resolve(catalog("") + DRIVE.replace("generation: 3", "generation: 4")).contentDigest();
    assertThat(otherGeneration).isEqualTo(base);
  }

  @Test
  void selectsByNamesInCatalogOrderAndByLabels() {
    DriveAssignment byNames = resolve(catalog("") + DRIVE + "  entries: {names: [a, b]}\n");
    assertThat(byNames.files()).extracting(DriveAssignment.ResolvedFile::name).containsExactly("b", "a");
    DriveAssignment byLabels = resolve(catalog("") + DRIVE + "  entries: {selector: {matchLabels: {k: v}}}\n");
    assertThat(byLabels.files()).extracting(DriveAssignment.ResolvedFile::name).containsExactly("a");
  }

  @Test
  void usesTheDefaultPolicyOfTheNamespace() {
    DriveAssignment a = resolve(catalog("") + DRIVE + """
        ---
        apiVersion: rescuefleet.io/v1alpha1
        kind: FleetPolicy
        metadata: {name: default, namespace: ops}
        spec: {alerts: {minWriteMBps: 5, quarantine: false}}
        """);
    assertThat(a.policy().source()).isEqualTo("FleetPolicy ops/default");
    assertThat(a.policy().minWriteMBps()).isEqualTo(5.0);
    assertThat(a.policy().minReadMBps()).isEqualTo(40.0);
    assertThat(a.policy().quarantine()).isFalse();
  }

  @Test
  void resolvesSignatureKeysFromSecrets() {
    String signed = ", signature: {url: \"https://m.example.org/b.iso.asc\", keySecretRef: {name: keys, key: b.asc}}";
    DriveAssignment a = resolve(catalog(signed) + DRIVE + """
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: keys, namespace: ops}
        data: {b.asc: LS0tLS1CRUdJTiBQR1A=}
        """);
    assertThat(a.files().get(0).signature().publicKey()).isEqualTo("-----BEGIN PGP");
  }

  @Test
  void signatureKeyMayNameTheCatalogsOwnNamespaceButNoOther() {
    String secrets = """
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: keys, namespace: ops}
        data: {b.asc: LS0tLS1CRUdJTiBQR1A=}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: keys, namespace: other}
        data: {b.asc: LS0tLS1CRUdJTiBQR1A=}
        """;
    String signed = ", signature: {url: \"https://m.example.org/b.iso.asc\", keySecretRef: {namespace: %s, name: keys, key: b.asc}}";
    assertThat(resolve(catalog(signed.formatted("ops")) + DRIVE + secrets).files().get(0).signature()).isNotNull();
    assertThatThrownBy(() -> resolve(catalog(signed.formatted("other")) + DRIVE + secrets))
        .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
            .anySatisfy(m -> assertThat(m).contains("IsoCatalog ops/set: spec.entries[0].signature.keySecretRef.namespace: "
                + "must be empty or \"ops\"")));
  }

  @Test
  void reportsEveryProblemAtOnce() {
    String yaml = catalog("") + DRIVE.replace("name: set}", "name: set}\n  policyRef: {name: strict}\n  entries: {names: [zz]}");
    assertThatThrownBy(() -> resolve(yaml))
        .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems())
            .extracting(Problem::field)
            .containsExactlyInAnyOrder("spec.policyRef.name", "spec.entries.names[0]"));
  }

  @Test
  void refusesADriveWhoseCatalogIsInvalid() {
    String yaml = catalog("").replace("path: iso/a.iso", "path: /iso/a.iso") + DRIVE;
    assertThatThrownBy(() -> resolve(yaml))
        .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems())
            .extracting(Problem::toString)
            .anySatisfy(m -> assertThat(m).contains("spec.catalogRef.name: IsoCatalog \"set\" is invalid"))
            .anySatisfy(m -> assertThat(m).contains("IsoCatalog ops/set: spec.entries[1].path")));
  }
}
