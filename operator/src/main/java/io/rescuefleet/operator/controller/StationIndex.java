package io.rescuefleet.operator.controller;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.operator.directory.StationDirectory;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** ImagingStations as the drive controller's informer sees them; the station API authenticates through it. */
public final class StationIndex implements StationDirectory {
  private volatile InformerEventSource<ImagingStation, RescueDrive> source;

  void attach(InformerEventSource<ImagingStation, RescueDrive> informer) {
    source = informer;
  }

  @Override
  public Optional<ImagingStation> get(String name) {
    InformerEventSource<ImagingStation, RescueDrive> s = source;
    return s == null ? Optional.empty() : s.get(new ResourceID(name));
  }

  @Override
  public Collection<ImagingStation> all() {
    InformerEventSource<ImagingStation, RescueDrive> s = source;
    return s == null ? List.of() : s.list().toList();
  }
}
