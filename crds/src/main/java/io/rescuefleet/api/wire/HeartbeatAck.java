package io.rescuefleet.api.wire;

import java.util.List;

/**
 * The operator's answer to a heartbeat: the sampling interval stations should use, and
 * {@code allowDevices}, the non-USB devices the station's ImagingStation allows (its
 * {@code spec.allowDevices}). A station admits such a device only when its own config lists it too;
 * until it has this answer, or when the list is absent, it admits none.
 */
public record HeartbeatAck(String station, double throughputIntervalSeconds, long assignmentsVersion,
    List<String> allowDevices) {}
