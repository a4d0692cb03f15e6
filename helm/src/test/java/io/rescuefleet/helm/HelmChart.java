package io.rescuefleet.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

/** The chart under test: where it is, and `helm template` on it through helm-java. */
final class HelmChart {
  /** Surefire runs in the module directory, helm/. */
  static final Path DIR = Path.of("rescuefleet").toAbsolutePath();
  static final Path REPO_ROOT = Path.of("..").toAbsolutePath().normalize();
  static final String RELEASE = "rescuefleet";
  static final String NAMESPACE = "rescuefleet-system";

  private HelmChart() {}

  /** Renders with the defaults plus {@code key=value} overrides (helm's --set). */
  static Rendered template(String... sets) {
    return Rendered.parse(command(sets).call());
  }

  /** Renders with a values file from src/test/resources/values plus overrides. */
  static Rendered templateWithValues(String valuesFile, String... sets) {
    return Rendered.parse(command(sets).withValuesFile(testValues(valuesFile)).call());
  }

  /** The command without running it, for tests that expect it to fail. */
  static TemplateCommand command(String... sets) {
    TemplateCommand command = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE);
    for (String set : sets) {
      String[] keyValue = set.split("=", 2);
      command = command.set(keyValue[0], keyValue[1]);
    }
    return command;
  }

  static Path testValues(String name) {
    try {
      return Path.of(Objects.requireNonNull(HelmChart.class.getResource("/values/" + name), name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
