package io.rescuefleet.api.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.validate.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {
  private final ManifestLoader loader = new ManifestLoader();

  @Test
  void readsDirectoriesRecursivelyInOrderAndSkipsOtherFiles(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("b.yaml"), drive("second"));
    Files.writeString(dir.resolve("a.yml"), drive("first") + "---\n---\n" + drive("between"));
    Files.writeString(dir.resolve("sub/c.yaml"), drive("third"));
    Files.writeString(dir.resolve("README.md"), "not yaml: [");
    ManifestSet set = loader.load(List.of(dir));
    assertThat(set.drives()).extracting(d -> d.getMetadata().getName()).containsExactly("first", "between", "second", "third");
  }

  @Test
  void givesNamespacedObjectsTheDefaultNamespace() {
    ManifestSet set = loader.load("x", drive("d").replace("namespace: ops", ""));
    assertThat(set.drives().get(0).getMetadata().getNamespace()).isEqualTo("default");
  }

  @Test
  void namesFileDocumentAndFieldOfEveryProblem(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("fleet.yaml");
    Files.writeString(file, drive("ok") + "---\n" + drive("bad").replace("serial: S1", "serial: S1\n  colour: red")
        + "---\n" + drive("worse").replace("catalogRef: {name: set}", "catalogRef: [set]"));
    assertThatThrownBy(() -> loader.load(List.of(file)))
        .isInstanceOfSatisfying(ManifestLoadException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
            .containsExactly(
                file + ", document 2 (RescueDrive bad): spec.colour: unknown field",
                file + ", document 3 (RescueDrive worse): spec.catalogRef: expected a mapping (ObjectRef)"));
  }

  @Test
  void rejectsWhatIsNotAnObject() {
    assertThatThrownBy(() -> loader.load("x", "- just\n- a list\n"))
        .isInstanceOfSatisfying(ManifestLoadException.class,
            e -> assertThat(e.problems().get(0).message()).startsWith("expected a Kubernetes object"));
  }

  @Test
  void reportsAMissingPath() {
    assertThatThrownBy(() -> loader.load(List.of(Path.of("/nonexistent/fleet.yaml"))))
        .hasMessageContaining("/nonexistent/fleet.yaml: no such file or directory");
  }

  @Test
  void readsTheTypesFaithfully() {
    RescueDrive d = loader.load("x", drive("d")).drives().get(0);
    assertThat(d.getSpec().serial).isEqualTo("S1");
    assertThat(d.getSpec().catalogRef.name).isEqualTo("set");
    assertThat(d.getSpec().layout.dataLabel).isEqualTo("Ventoy");
  }

  private static String drive(String name) {
    return """
        apiVersion: rescuefleet.io/v1alpha1
        kind: RescueDrive
        metadata: {name: %s, namespace: ops}
        spec:
          serial: S1
          catalogRef: {name: set}
        """.formatted(name);
  }
}
