package io.rescuefleet.operator.binding;

import io.rescuefleet.api.wire.Heartbeat.StickInfo;

/** A stick a station's latest heartbeat lists. */
public record LocatedStick(String station, StickInfo stick) {}
