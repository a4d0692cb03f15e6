package io.rescuefleet.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRD YAML committed under {@code crds/manifests/} is what the crd-generator makes of the Java
 * types in this build, and it carries the schema rules the API promises.
 */
class CrdManifestsTest {
  private static final Path COMMITTED = Path.of("manifests");
  private static final Path GENERATED = Path.of("target/classes/META-INF/fabric8");
  private static final String FIX = "; regenerate with: mvn -pl crds process-classes && cp crds/target/classes/META-INF/fabric8/*.yml crds/manifests/";

  @Test
  void committedManifestsEqualGenerated() throws IOException {
    List<String> generated = names(GENERATED);
    assertThat(names(COMMITTED)).as("CRD files" + FIX).isEqualTo(generated);
    assertThat(generated).hasSize(5);
    for (String name : generated) {
      assertThat(Files.readString(COMMITTED.resolve(name)))
          .as(name + " differs from the generated CRD" + FIX)
          .isEqualTo(Files.readString(GENERATED.resolve(name)));
    }
  }

  @Test
  void everyKindIsInTheGroupWithCategoryAndShortName() throws IOException {
    for (String name : names(COMMITTED)) {
      CustomResourceDefinition crd = crd(name);
      assertThat(crd.getSpec().getGroup()).isEqualTo("rescuefleet.io");
      assertThat(crd.getSpec().getVersions()).singleElement().satisfies(v -> {
        assertThat(v.getName()).isEqualTo("v1alpha1");
        assertThat(v.getSubresources().getStatus()).isNotNull();
      });
      assertThat(crd.getSpec().getNames().getCategories()).containsExactly("rescuefleet");
      assertThat(crd.getSpec().getNames().getShortNames()).hasSize(1);
    }
    assertThat(crd("imagingstations.rescuefleet.io-v1.yml").getSpec().getScope()).isEqualTo("Cluster");
    assertThat(crd("rescuedrives.rescuefleet.io-v1.yml").getSpec().getScope()).isEqualTo("Namespaced");
  }

  @Test
  void crossFieldRulesAreCel() throws IOException {
    assertThat(rules(spec("rescuedrives.rescuefleet.io-v1.yml")))
        .contains("has(self.serial) != has(self.claim)");
    JSONSchemaProps wtg = spec("wtgprofiles.rescuefleet.io-v1.yml");
    assertThat(rules(wtg)).contains("has(self.index) != has(self.edition)")
        .anySatisfy(r -> assertThat(r).contains("vhdPath").contains("VhdFile"));
    assertThat(rules(spec("isocatalogs.rescuefleet.io-v1.yml").getProperties().get("entries")))
        .anySatisfy(r -> assertThat(r).contains("f.name == e.name"))
        .anySatisfy(r -> assertThat(r).contains("f.path == e.path"));
  }

  @Test
  void structuralRules() throws IOException {
    JSONSchemaProps entry = spec("isocatalogs.rescuefleet.io-v1.yml").getProperties().get("entries").getItems().getSchema();
    assertThat(entry.getProperties().get("sha256").getPattern()).isEqualTo(ApiConstants.SHA256_PATTERN);
    assertThat(entry.getProperties().get("name").getPattern()).isEqualTo(ApiConstants.DNS_LABEL_PATTERN);
    assertThat(entry.getProperties().get("path").getPattern()).isEqualTo(ApiConstants.RELATIVE_PATH_PATTERN);
    assertThat(entry.getProperties().get("size").getMinimum()).isEqualTo(0.0);
    assertThat(entry.getRequired()).contains("name", "url", "sha256", "path");

    JSONSchemaProps verify = spec("fleetpolicies.rescuefleet.io-v1.yml").getProperties().get("sampling").getProperties().get("verify");
    JSONSchemaProps ratio = verify.getProperties().get("sampleRatio");
    assertThat(ratio.getMinimum()).isEqualTo(0.0);
    assertThat(ratio.getExclusiveMinimum()).isTrue();
    assertThat(ratio.getMaximum()).isEqualTo(1.0);
    assertThat(verify.getProperties().get("mode").getEnum()).extracting(Object::toString)
        .containsExactlyInAnyOrder("\"Quick\"", "\"Sampled\"", "\"Full\"");
    JSONSchemaProps timeout = spec("fleetpolicies.rescuefleet.io-v1.yml").getProperties().get("alerts").getProperties()
        .get("stationHeartbeatTimeoutSeconds");
    assertThat(timeout.getExclusiveMinimum()).isTrue();
  }

  @Test
  void printerColumnsInTheOrderKubectlShouldShowThem() throws IOException {
    // kubectl prints additionalPrinterColumns in list order; the generator alone would sort them by jsonPath.
    assertThat(columns("rescuedrives.rescuefleet.io-v1.yml")).extracting(CustomResourceColumnDefinition::getJsonPath)
        .containsExactly(".status.station", ".status.phase", ".status.entriesSynced", ".status.lastWriteMBps",
            ".metadata.creationTimestamp");
    assertThat(columns("imagingstations.rescuefleet.io-v1.yml")).extracting(CustomResourceColumnDefinition::getJsonPath)
        .containsExactly(".status.online", ".status.drives", ".status.lastHeartbeat", ".metadata.creationTimestamp");
    for (String name : names(COMMITTED)) {
      List<String> columns = columns(name).stream().map(CustomResourceColumnDefinition::getName).toList();
      if (columns.contains("Age")) {
        assertThat(columns).as(name + ": Age comes last, as in kubectl's own kinds").endsWith("Age");
      }
    }
  }

  @Test
  void printerColumnsFollowTheDeclaredAnnotations() throws IOException {
    Map<String, Class<?>> kinds = Map.of(
        "rescuedrives.rescuefleet.io-v1.yml", RescueDrive.class,
        "imagingstations.rescuefleet.io-v1.yml", ImagingStation.class,
        "isocatalogs.rescuefleet.io-v1.yml", IsoCatalog.class,
        "wtgprofiles.rescuefleet.io-v1.yml", WtgProfile.class,
        "fleetpolicies.rescuefleet.io-v1.yml", FleetPolicy.class);
    for (Map.Entry<String, Class<?>> kind : kinds.entrySet()) {
      assertThat(columns(kind.getKey())).extracting(CustomResourceColumnDefinition::getName).as(kind.getKey())
          .containsExactlyElementsOf(Arrays.stream(kind.getValue().getAnnotationsByType(AdditionalPrinterColumn.class))
              .map(AdditionalPrinterColumn::name).toList());
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")).sorted().toList();
    }
  }

  private static CustomResourceDefinition crd(String name) throws IOException {
    return Serialization.unmarshal(Files.readString(COMMITTED.resolve(name)), CustomResourceDefinition.class);
  }

  private static JSONSchemaProps spec(String name) throws IOException {
    return crd(name).getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
  }

  private static List<String> rules(JSONSchemaProps props) {
    return props.getXKubernetesValidations().stream().map(ValidationRule::getRule).toList();
  }

  private static List<CustomResourceColumnDefinition> columns(String name) throws IOException {
    return crd(name).getSpec().getVersions().get(0).getAdditionalPrinterColumns();
  }
}
