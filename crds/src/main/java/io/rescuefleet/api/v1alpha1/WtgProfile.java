package io.rescuefleet.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Windows To Go system: one image of an install.wim/esd applied to NTFS and made bootable. */
@Group(ApiConstants.GROUP)
@Version(ApiConstants.VERSION)
@ShortNames("wtg")
@Categories(ApiConstants.CATEGORY)
@AdditionalPrinterColumn(name = "Target", jsonPath = ".spec.target", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Size MiB", jsonPath = ".spec.sizeMiB", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Drives", jsonPath = ".status.driveCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class WtgProfile extends CustomResource<WtgProfileSpec, WtgProfileStatus> implements Namespaced {}
