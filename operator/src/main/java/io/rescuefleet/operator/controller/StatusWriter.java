package io.rescuefleet.operator.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.rescuefleet.operator.metrics.OperatorMetrics;
import java.util.function.Supplier;

/**
 * Records a status the only way the operator writes: a status patch from a fresh object carrying
 * name, namespace and status, and only when the status differs from what the API server holds.
 * Counts the patches it asks java-operator-sdk to send.
 */
final class StatusWriter {
  private static final ObjectMapper COMPARE = JsonMapper.builder().build();

  private final OperatorMetrics metrics;

  StatusWriter(OperatorMetrics metrics) {
    this.metrics = metrics;
  }

  /** Whether two statuses hold the same data, compared as JSON. */
  boolean same(Object a, Object b) {
    return COMPARE.valueToTree(a).equals(COMPARE.valueToTree(b));
  }

  <S, R extends CustomResource<?, S>> UpdateControl<R> write(R current, S status, Supplier<R> fresh) {
    if (same(status, current.getStatus())) {
      return UpdateControl.noUpdate();
    }
    R patch = fresh.get();
    patch.setMetadata(new ObjectMetaBuilder()
        .withName(current.getMetadata().getName())
        .withNamespace(current.getMetadata().getNamespace())
        .build());
    patch.setStatus(status);
    metrics.statusPatched(current.getKind());
    return UpdateControl.patchStatus(patch);
  }
}
