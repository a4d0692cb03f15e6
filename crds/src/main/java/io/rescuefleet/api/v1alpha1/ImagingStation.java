package io.rescuefleet.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A host with USB hubs running the station daemon. Cluster-scoped: one per host. */
@Group(ApiConstants.GROUP)
@Version(ApiConstants.VERSION)
@Plural("imagingstations")
@ShortNames("station")
@Categories(ApiConstants.CATEGORY)
@AdditionalPrinterColumn(name = "Online", jsonPath = ".status.online", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Drives", jsonPath = ".status.drives", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Last Heartbeat", jsonPath = ".status.lastHeartbeat", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ImagingStation extends CustomResource<ImagingStationSpec, ImagingStationStatus> {}
