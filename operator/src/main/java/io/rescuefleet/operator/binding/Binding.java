package io.rescuefleet.operator.binding;

import io.rescuefleet.api.wire.Heartbeat.StickInfo;

/**
 * The result of binding one drive: the state, where the stick is when bound (station, port, the
 * stick as the station last described it) and a message for the Bound condition.
 */
public record Binding(BindingState state, String station, String port, StickInfo stick, String message) {
  public static Binding unbound(BindingState state, String message) {
    return new Binding(state, null, null, null, message);
  }

  public boolean bound() {
    return state.bound();
  }

  public String serial() {
    return stick == null ? null : stick.serial();
  }

  public String insertionId() {
    return stick == null ? null : stick.insertionId();
  }
}
