package io.rescuefleet.operator.directory;

import io.rescuefleet.api.v1alpha1.ImagingStation;
import java.util.Collection;
import java.util.Optional;

/** Finds ImagingStations through an informer cache. */
public interface StationDirectory {
  Optional<ImagingStation> get(String name);

  Collection<ImagingStation> all();
}
