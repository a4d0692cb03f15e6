package io.rescuefleet.operator.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.Controller;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feeds java-operator-sdk's reconcile timings into {@link OperatorMetrics}, labelled by the kind of
 * the controller's primary resource.
 */
public final class JosdkMetrics implements Metrics {
  private final OperatorMetrics metrics;
  private final Map<String, String> kindByController = new ConcurrentHashMap<>();

  public JosdkMetrics(OperatorMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void controllerRegistered(Controller<? extends HasMetadata> controller) {
    kindByController.put(controller.getConfiguration().getName(),
        HasMetadata.getKind(controller.getConfiguration().getResourceClass()));
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    String kind = kindByController.getOrDefault(execution.controllerName(), execution.controllerName());
    long start = System.nanoTime();
    boolean success = false;
    try {
      T result = execution.execute();
      success = true;
      return result;
    } finally {
      metrics.reconciled(kind, success, (System.nanoTime() - start) / 1e9);
    }
  }
}
