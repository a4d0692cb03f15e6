package io.rescuefleet.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.rescuefleet.operator.config.OperatorConfig;
import io.rescuefleet.operator.devserver.ApiCall;
import io.rescuefleet.operator.devserver.InProcessApiServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Kubernetes API a {@link LocalFleet} works against: the in-process API server by default, or,
 * with {@code KUBECONFIG} set, the real cluster it names. Either way the CRDs of
 * {@code crds/manifests} are applied first (on the in-process server they replace identical
 * copies; a real cluster is waited on until it serves them), and on a real cluster the operator
 * patches status with server-side apply, as it does when deployed.
 */
public final class FleetApi implements AutoCloseable {
  /** Directory of the CRD manifests; {@code crds/manifests} (from the repository root or a module) by default. */
  public static final String CRDS_PROPERTY = "rescuefleet.crds.dir";
  private static final long ESTABLISHED_SECONDS = 60;
  private static final int HTTP_CONFLICT = 409;
  /** Updates tried in a row against the operator's own writes. */
  private static final int CONFLICT_ATTEMPTS = 5;

  private final InProcessApiServer inProcess;
  private final KubernetesClient client;
  private final KubernetesClient operatorClient;

  private FleetApi(InProcessApiServer inProcess, KubernetesClient client, KubernetesClient operatorClient) {
    this.inProcess = inProcess;
    this.client = client;
    this.operatorClient = operatorClient;
  }

  /**
   * The real cluster of {@code KUBECONFIG} when the environment sets it, else a fresh in-process API
   * server that records the calls it answers. The operator gets its own client, whose User-Agent is
   * {@code operatorUserAgent}, so its calls can be told from the harness's.
   */
  public static FleetApi connect(Map<String, String> environment, String operatorUserAgent) {
    FleetApi api;
    if (!namesCluster(environment)) {
      InProcessApiServer server = InProcessApiServer.start();
      server.recordCalls();
      api = new FleetApi(server, server.newClient(), server.newClient(operatorUserAgent));
    } else {
      // fabric8 reads KUBECONFIG itself, as kubectl does.
      api = new FleetApi(null, new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory()).build(),
          new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory())
              .editOrNewConfig().withUserAgent(operatorUserAgent).endConfig().build());
    }
    try {
      api.installCrds(crdsDir());
      return api;
    } catch (RuntimeException e) {
      api.close();
      throw e;
    }
  }

  /** Whether {@code environment} points at a real cluster: a non-blank {@code KUBECONFIG}. */
  static boolean namesCluster(Map<String, String> environment) {
    String kubeconfig = environment.get("KUBECONFIG");
    return kubeconfig != null && !kubeconfig.isBlank();
  }

  public KubernetesClient client() {
    return client;
  }

  /** The operator's own client. */
  public KubernetesClient operatorClient() {
    return operatorClient;
  }

  /** The distinct calls the in-process API server answered; a real cluster's audit log is its own business. */
  public Set<ApiCall> calls() {
    if (inProcess == null) {
      throw new IllegalStateException("API calls are recorded by the in-process API server only");
    }
    return inProcess.calls();
  }

  public boolean realCluster() {
    return inProcess == null;
  }

  /** The operator's settings for this API: loopback, and server-side apply where the API server has it. */
  public OperatorConfig operatorConfig() {
    return OperatorConfig.inProcessApiServer().withServerSideApply(realCluster());
  }

  /**
   * Creates or replaces {@code object}, as kubectl apply does: server-side apply on a real cluster;
   * the in-process server has none, so there it is created or updated, again on a conflict (the
   * operator's status writes move the resourceVersion between the update's read and its write).
   */
  public void apply(HasMetadata object) {
    if (realCluster()) {
      client.resource(object).forceConflicts().serverSideApply();
      return;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        client.resource(object).createOr(NonDeletingOperation::update);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HTTP_CONFLICT || attempt == CONFLICT_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** The CRD manifests in {@code dir}, as kubectl apply -f would read them. */
  public static List<CustomResourceDefinition> crds(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<CustomResourceDefinition> crds = files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
          .sorted().map(FleetApi::readCrd).toList();
      if (crds.isEmpty()) {
        throw new IllegalStateException("no CRD manifests in " + dir);
      }
      return crds;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the CRD manifests in " + dir, e);
    }
  }

  private void installCrds(Path dir) {
    for (CustomResourceDefinition crd : crds(dir)) {
      apply(crd);
      if (realCluster()) {
        client.resource(crd).waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions()
            .stream().anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
            ESTABLISHED_SECONDS, TimeUnit.SECONDS);
      }
    }
  }

  static Path crdsDir() {
    String configured = System.getProperty(CRDS_PROPERTY);
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path candidate : List.of(Path.of("crds/manifests"), Path.of("../crds/manifests"))) {
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("cannot find crds/manifests from " + Path.of("").toAbsolutePath()
        + "; set -D" + CRDS_PROPERTY + "=DIR");
  }

  private static CustomResourceDefinition readCrd(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  @Override
  public void close() {
    operatorClient.close();
    client.close();
    if (inProcess != null) {
      inProcess.close();
    }
  }
}
