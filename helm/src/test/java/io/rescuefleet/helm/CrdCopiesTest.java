package io.rescuefleet.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The chart's crds/ holds exactly the generated CRDs of crds/manifests, byte for byte. */
class CrdCopiesTest {
  private static final Path MANIFESTS = HelmChart.REPO_ROOT.resolve("crds/manifests");
  private static final Path CHART_CRDS = HelmChart.DIR.resolve("crds");
  private static final String FIX = "copy them: cp crds/manifests/*.yml helm/rescuefleet/crds/";

  @Test
  void chartHasTheSameCrdFilesAsTheManifests() throws IOException {
    assertThat(fileNames(CHART_CRDS)).as(FIX).isEqualTo(fileNames(MANIFESTS)).isNotEmpty();
  }

  @Test
  void everyChartCrdIsByteEqualToItsManifest() throws IOException {
    for (String name : fileNames(MANIFESTS)) {
      assertThat(Files.readAllBytes(CHART_CRDS.resolve(name)))
          .as("helm/rescuefleet/crds/%s differs from crds/manifests/%s; %s", name, name, FIX)
          .isEqualTo(Files.readAllBytes(MANIFESTS.resolve(name)));
    }
  }

  private static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
