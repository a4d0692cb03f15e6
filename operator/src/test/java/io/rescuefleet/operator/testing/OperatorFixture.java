package io.rescuefleet.operator.testing;

import io.rescuefleet.operator.devserver.InProcessApiServer;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.operator.RescueFleetOperator;
import io.rescuefleet.operator.config.OperatorConfig;
import java.util.List;
import java.util.function.UnaryOperator;

/** An in-process API server with the operator running against it, as component tests use them. */
public final class OperatorFixture implements AutoCloseable {
  public final InProcessApiServer server;
  public final KubernetesClient client;
  public final RescueFleetOperator operator;

  private OperatorFixture(InProcessApiServer server, KubernetesClient client, RescueFleetOperator operator) {
    this.server = server;
    this.client = client;
    this.operator = operator;
  }

  public static OperatorFixture start(UnaryOperator<OperatorConfig> customize) {
    InProcessApiServer server = InProcessApiServer.start();
    KubernetesClient client = server.newClient();
    try {
      RescueFleetOperator operator = RescueFleetOperator.start(client, customize.apply(OperatorConfig.inProcessApiServer()));
      return new OperatorFixture(server, client, operator);
    } catch (RuntimeException e) {
      client.close();
      server.close();
      throw e;
    }
  }

  public <T extends HasMetadata> T create(T object) {
    return client.resource(object).create();
  }

  public RescueDrive drive(String namespace, String name) {
    return client.resources(RescueDrive.class).inNamespace(namespace).withName(name).get();
  }

  /** Events recorded about one object. */
  public List<Event> events(String namespace, String involvedName) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> involvedName.equals(e.getInvolvedObject().getName())).toList();
  }

  public StationClient station(String name, String token) {
    return new StationClient(operator.stationApiPort(), name, token);
  }

  @Override
  public void close() {
    operator.close();
    client.close();
    server.close();
  }
}
