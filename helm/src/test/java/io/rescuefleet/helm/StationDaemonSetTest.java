package io.rescuefleet.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.rescuefleet.station.connected.StationConfig;
import io.rescuefleet.station.connected.StationConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-cluster station DaemonSet: off by default; privileged on hub nodes, with config, token and host paths. */
class StationDaemonSetTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String[] ENABLED = {"station.enabled=true", "station.tokenSecret.name=lab-token"};

  @Test
  void disabledByDefault() {
    Rendered rendered = HelmChart.template();

    assertThat(rendered.find(DaemonSet.class, "rescuefleet-station")).isEmpty();
    assertThat(rendered.find(ConfigMap.class, "rescuefleet-station")).isEmpty();
  }

  @Test
  void runsPrivilegedOnLabelledNodesWithDevAndUdev() {
    DaemonSet daemonSet = HelmChart.template(ENABLED).get(DaemonSet.class, "rescuefleet-station");
    PodSpec pod = daemonSet.getSpec().getTemplate().getSpec();
    Container station = station(pod);

    assertThat(station.getSecurityContext().getPrivileged()).isTrue();
    assertThat(station.getImage()).isEqualTo("ghcr.io/rescuefleet/station:0.1.0");
    assertThat(station.getCommand()).containsExactly("rescue-station", "run", "--config", "/etc/rescuefleet/station.yaml");
    assertThat(pod.getNodeSelector()).isEqualTo(Map.of("rescuefleet.io/imaging-station", "true"));
    assertThat(pod.getAutomountServiceAccountToken()).as("stations never call the Kubernetes API").isFalse();
    assertThat(hostPath(pod, station, "/dev")).isEqualTo("/dev");
    assertThat(hostPath(pod, station, "/run/udev")).isEqualTo("/run/udev");
    assertThat(hostPath(pod, station, "/var/cache/rescuefleet")).isEqualTo("/var/cache/rescuefleet");
    assertThat(hostPath(pod, station, "/var/lib/rescuefleet")).isEqualTo("/var/lib/rescuefleet");
  }

  @Test
  void stationTokenComesFromTheSecretAndMatchesTheConfigsTokenFile() throws IOException {
    Rendered rendered = HelmChart.template(ENABLED);
    PodSpec pod = rendered.get(DaemonSet.class, "rescuefleet-station").getSpec().getTemplate().getSpec();
    JsonNode config = config(rendered, "rescuefleet-station");
    Volume token = volume(pod, "token");

    assertThat(token.getSecret().getSecretName()).isEqualTo("lab-token");
    assertThat(token.getSecret().getItems()).singleElement()
        .satisfies(item -> assertThat(item.getKey() + "->" + item.getPath()).isEqualTo("token->token"));
    assertThat(mount(station(pod), "token").getMountPath() + "/token").isEqualTo(config.get("tokenFile").asText());
  }

  @Test
  void stationNameIsTheNodeNameFilledInByTheInitContainer() throws IOException {
    Rendered rendered = HelmChart.template(ENABLED);
    PodSpec pod = rendered.get(DaemonSet.class, "rescuefleet-station").getSpec().getTemplate().getSpec();
    Container init = pod.getInitContainers().get(0);

    assertThat(config(rendered, "rescuefleet-station").get("station").asText()).isEqualTo("@NODE_NAME@");
    assertThat(init.getEnv()).singleElement().satisfies(env -> {
      assertThat(env.getName()).isEqualTo("NODE_NAME");
      assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
    });
    assertThat(String.join(" ", init.getCommand()))
        .contains("s/@NODE_NAME@/${NODE_NAME}/")
        .contains("/etc/rescuefleet-template/station.yaml > /etc/rescuefleet/station.yaml");
    // The main container reads the file the init container wrote, not the template.
    assertThat(volume(pod, mount(station(pod), "config").getName()).getEmptyDir()).isNotNull();
    assertThat(volume(pod, "config-template").getConfigMap().getName()).isEqualTo("rescuefleet-station");
  }

  @Test
  void anExplicitStationNameIsUsedAsIsWithoutInitContainer() throws IOException {
    Rendered rendered = HelmChart.template("station.enabled=true", "station.tokenSecret.name=lab-token",
        "station.name=lab-a");
    PodSpec pod = rendered.get(DaemonSet.class, "rescuefleet-station").getSpec().getTemplate().getSpec();

    assertThat(config(rendered, "rescuefleet-station").get("station").asText()).isEqualTo("lab-a");
    assertThat(pod.getInitContainers()).isEmpty();
    assertThat(volume(pod, "config").getConfigMap().getName()).isEqualTo("rescuefleet-station");
  }

  @Test
  void defaultConfigPointsAtTheOperatorServiceOverPlainHttp() throws IOException {
    JsonNode config = config(HelmChart.template(ENABLED), "rescuefleet-station");

    assertThat(config.get("operatorUrl").asText()).isEqualTo("http://rescuefleet.rescuefleet-system.svc:8081");
    assertThat(config.has("caFile")).isFalse();
    assertThat(config.has("ventoyReleaseDir")).isFalse();
    assertThat(config.get("cacheDir").asText()).isEqualTo("/var/cache/rescuefleet");
    assertThat(config.get("stateDir").asText()).isEqualTo("/var/lib/rescuefleet");
    assertThat(config.get("discovery").get("pollSeconds").asInt()).isEqualTo(5);
    assertThat(config.get("maxParallelSticks").asInt()).isEqualTo(2);
    assertThat(config.get("outboxCapacity").asInt()).isEqualTo(10_000);
  }

  @Test
  void nonDefaultValuesReachTheConfigAndThePod() throws IOException {
    Rendered rendered = HelmChart.templateWithValues("everything-on.yaml");
    JsonNode config = config(rendered, "fleet-station");
    PodSpec pod = rendered.get(DaemonSet.class, "fleet-station").getSpec().getTemplate().getSpec();
    Container station = station(pod);

    assertThat(config.get("operatorUrl").asText()).isEqualTo("https://fleet.rescuefleet-system.svc:9443");
    assertThat(config.get("caFile").asText()).isEqualTo("/var/run/secrets/rescuefleet/ca/ca.crt");
    assertThat(config.get("ventoyReleaseDir").asText()).isEqualTo("/opt/ventoy");
    assertThat(config.get("ports").get(1).get("label").asText()).isEqualTo("hub A slot 2");
    assertThat(config.get("allowDevices").get(0).asText()).isEqualTo("/dev/sdz");
    assertThat(config.get("discovery").get("pollSeconds").asInt()).isEqualTo(2);
    assertThat(config.get("maxParallelSticks").asInt()).isEqualTo(4);
    assertThat(config.get("outboxCapacity").asInt()).isEqualTo(500);
    // The CA comes from the TLS Secret, but only its certificate: never the private key.
    Volume ca = volume(pod, "ca");
    assertThat(ca.getSecret().getSecretName()).isEqualTo("fleet-station-api-tls");
    assertThat(ca.getSecret().getItems()).singleElement()
        .satisfies(item -> assertThat(item.getKey() + "->" + item.getPath()).isEqualTo("ca.crt->ca.crt"));
    assertThat(volume(pod, "token").getSecret().getItems().get(0).getKey()).isEqualTo("station-token");
    assertThat(station.getImage()).isEqualTo("registry.example.com/rescuefleet/station:0.2.0-rc1");
    assertThat(pod.getNodeSelector()).isEqualTo(Map.of("example.com/usb-hub", "yes"));
    assertThat(pod.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("usb-station"));
    assertThat(hostPath(pod, station, "/opt/ventoy")).isEqualTo("/opt/ventoy");
  }

  @Test
  void podRestartsWhenTheConfigChanges() {
    String before = checksum(HelmChart.template(ENABLED));
    String after = checksum(HelmChart.template("station.enabled=true", "station.tokenSecret.name=lab-token",
        "station.maxParallelSticks=3"));

    assertThat(before).isNotBlank().isNotEqualTo(after);
  }

  @Test
  void theStationDaemonAcceptsTheRenderedConfig(@TempDir Path pod) throws IOException {
    // In-pod paths of the mounted Secrets and host directories, as files and directories here.
    Path token = Files.writeString(Files.createDirectories(pod.resolve("token")).resolve("token"), "t0ken");
    Path ca = Files.writeString(Files.createDirectories(pod.resolve("ca")).resolve("ca.crt"), "-----BEGIN CERTIFICATE-----");
    Path ventoy = Files.createDirectories(pod.resolve("ventoy"));
    for (Rendered rendered : List.of(HelmChart.template(ENABLED), HelmChart.templateWithValues("everything-on.yaml"))) {
      ConfigMap configMap = rendered.objects().stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
          .filter(c -> c.getData() != null && c.getData().containsKey("station.yaml")).findFirst().orElseThrow();
      String yaml = configMap.getData().get("station.yaml")
          .replace("@NODE_NAME@", "node-1") // what the init container does
          .replace("/var/run/secrets/rescuefleet/token/token", token.toString())
          .replace("/var/run/secrets/rescuefleet/ca/ca.crt", ca.toString())
          .replace("/opt/ventoy", ventoy.toString());
      Path file = Files.writeString(pod.resolve(configMap.getMetadata().getName() + ".yaml"), yaml);

      StationConfig config = StationConfigLoader.load(file);

      assertThat(config.station).isEqualTo("node-1");
      assertThat(config.tokenFile).isEqualTo(token);
      assertThat(config.discovery.usb).as("in-cluster stations find real USB sticks").isTrue();
    }
  }

  static JsonNode config(Rendered rendered, String name) throws IOException {
    return YAML.readTree(rendered.get(ConfigMap.class, name).getData().get("station.yaml"));
  }

  private static String checksum(Rendered rendered) {
    return rendered.get(DaemonSet.class, "rescuefleet-station").getSpec().getTemplate().getMetadata()
        .getAnnotations().get("checksum/config");
  }

  private static Container station(PodSpec pod) {
    return pod.getContainers().stream().filter(c -> c.getName().equals("station")).findFirst().orElseThrow();
  }

  private static VolumeMount mount(Container container, String volumeName) {
    return container.getVolumeMounts().stream().filter(m -> m.getName().equals(volumeName)).findFirst().orElseThrow();
  }

  private static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
  }

  /** The host path behind the container's mount at {@code mountPath}. */
  private static String hostPath(PodSpec pod, Container container, String mountPath) {
    VolumeMount mount = container.getVolumeMounts().stream()
        .filter(m -> m.getMountPath().equals(mountPath)).findFirst().orElseThrow();
    return volume(pod, mount.getName()).getHostPath().getPath();
  }
}
