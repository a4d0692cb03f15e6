package io.rescuefleet.operator.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.rescuefleet.operator.metrics.OperatorMetrics;
import java.util.function.Supplier;

/**
 * Records a status the only way the operator writes: a patch of the status subresource, and only
 * when the status differs from what the API server holds. With server-side apply it applies a
 * fresh object carrying name, namespace and status. Without it (the in-process API server) it
 * replaces {@code /status} whole in one JSON Patch operation: a diff-based patch would apply
 * index-based list operations to whatever base the server holds, and corrupt lists when the
 * cached base is behind.
 */
final class StatusWriter {
  private static final ObjectMapper COMPARE = JsonMapper.builder().build();

  private final OperatorMetrics metrics;
  private final boolean serverSideApply;

  StatusWriter(OperatorMetrics metrics, boolean serverSideApply) {
    this.metrics = metrics;
    this.serverSideApply = serverSideApply;
  }

  /** Whether two statuses hold the same data, compared as JSON. */
  boolean same(Object a, Object b) {
    return COMPARE.valueToTree(a).equals(COMPARE.valueToTree(b));
  }

  <S, R extends CustomResource<?, S>> UpdateControl<R> write(R current, S status, Supplier<R> fresh, Context<R> context) {
    if (same(status, current.getStatus())) {
      return UpdateControl.noUpdate();
    }
    metrics.statusPatched(current.getKind());
    if (serverSideApply) {
      R patch = fresh.get();
      patch.setMetadata(new ObjectMetaBuilder()
          .withName(current.getMetadata().getName())
          .withNamespace(current.getMetadata().getNamespace())
          .build());
      patch.setStatus(status);
      return UpdateControl.patchStatus(patch);
    }
    String replace = "[{\"op\":\"add\",\"path\":\"/status\",\"value\":"
        + context.getClient().getKubernetesSerialization().asJson(status) + "}]";
    R updated = context.getClient().resource(current).subresource("status").patch(PatchContext.of(PatchType.JSON), replace);
    // So the next reconcile starts from this status even before the watch event arrives.
    context.eventSourceRetriever().getControllerEventSource()
        .handleRecentResourceUpdate(ResourceID.fromResource(current), updated, current);
    return UpdateControl.noUpdate();
  }
}
