package io.rescuefleet.api.wire;

/** The operator's answer to a heartbeat: the sampling interval stations should use. */
public record HeartbeatAck(String station, double throughputIntervalSeconds, long assignmentsVersion) {}
