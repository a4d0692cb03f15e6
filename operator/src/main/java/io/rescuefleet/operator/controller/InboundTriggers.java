package io.rescuefleet.operator.controller;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.WtgProfile;
import io.rescuefleet.operator.trigger.StatusCoalescer;

/**
 * The inbound event sources through which one controller, the station API or the coalescer asks
 * another controller to reconcile an object.
 */
public final class InboundTriggers implements StatusCoalescer.Sink {
  final SimpleInboundEventSource<RescueDrive> drives = new SimpleInboundEventSource<>("drive-triggers");
  final SimpleInboundEventSource<ImagingStation> stations = new SimpleInboundEventSource<>("station-triggers");
  final SimpleInboundEventSource<IsoCatalog> catalogs = new SimpleInboundEventSource<>("catalog-triggers");
  final SimpleInboundEventSource<WtgProfile> profiles = new SimpleInboundEventSource<>("wtgprofile-triggers");
  final SimpleInboundEventSource<FleetPolicy> policies = new SimpleInboundEventSource<>("policy-triggers");

  @Override
  public void drive(String driveKey) {
    drives.propagateEvent(ObjectKeys.resourceId(driveKey));
  }

  @Override
  public void station(String name) {
    stations.propagateEvent(new ResourceID(name));
  }

  void catalog(String namespace, String name) {
    catalogs.propagateEvent(new ResourceID(name, namespace));
  }

  void wtgProfile(String namespace, String name) {
    profiles.propagateEvent(new ResourceID(name, namespace));
  }

  void policy(String namespace, String name) {
    policies.propagateEvent(new ResourceID(name, namespace));
  }
}
