package io.rescuefleet.operator.controller;

import io.fabric8.kubernetes.api.model.Condition;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.ImagingStationSpec;
import io.rescuefleet.api.v1alpha1.ImagingStationStatus;
import io.rescuefleet.api.wire.Heartbeat.StickInfo;
import io.rescuefleet.operator.fleet.StationPresence;
import io.rescuefleet.operator.status.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds an ImagingStation's status: liveness, sticks, and every labelled or occupied port with its drive. */
final class StationStatusFactory {
  ImagingStationStatus build(ImagingStation station, StationPresence presence, boolean online, Instant lastHeartbeat,
      Map<String, String> driveByPort, List<Condition> conditions) {
    ImagingStationStatus s = new ImagingStationStatus();
    s.observedGeneration = station.getMetadata().getGeneration();
    s.conditions = conditions;
    s.online = online;
    s.drives = presence.sticksByPort().size();
    s.lastHeartbeat = Timestamps.format(lastHeartbeat);
    Map<String, ImagingStationStatus.PortStatus> ports = new TreeMap<>();
    if (station.getSpec() != null && station.getSpec().ports != null) {
      for (ImagingStationSpec.Port p : station.getSpec().ports) {
        if (p != null && p.path != null) {
          port(ports, p.path).label = p.label;
        }
      }
    }
    for (StickInfo stick : presence.sticksByPort().values()) {
      ImagingStationStatus.PortStatus p = port(ports, stick.port());
      p.serial = stick.serial();
      p.driveUuid = stick.driveUuid();
      p.drive = driveByPort.get(stick.port());
    }
    s.ports = List.copyOf(ports.values());
    return s;
  }

  private static ImagingStationStatus.PortStatus port(Map<String, ImagingStationStatus.PortStatus> ports, String path) {
    return ports.computeIfAbsent(path, p -> {
      ImagingStationStatus.PortStatus status = new ImagingStationStatus.PortStatus();
      status.path = p;
      return status;
    });
  }
}
