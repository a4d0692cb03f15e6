package io.rescuefleet.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One USB rescue stick's desired state: its layout, images, Windows To Go system and Ventoy settings. */
@Group(ApiConstants.GROUP)
@Version(ApiConstants.VERSION)
@ShortNames("rd")
@Categories(ApiConstants.CATEGORY)
@AdditionalPrinterColumn(name = "Station", jsonPath = ".status.station", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Entries", jsonPath = ".status.entriesSynced", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Write MB/s", jsonPath = ".status.lastWriteMBps", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class RescueDrive extends CustomResource<RescueDriveSpec, RescueDriveStatus> implements Namespaced {}
