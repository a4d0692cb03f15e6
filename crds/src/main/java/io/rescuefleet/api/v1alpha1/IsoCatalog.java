package io.rescuefleet.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A set of boot images (ISO, WIM, IMG) with their sources and SHA-256, shared by many drives. */
@Group(ApiConstants.GROUP)
@Version(ApiConstants.VERSION)
@ShortNames("isocat")
@Categories(ApiConstants.CATEGORY)
@AdditionalPrinterColumn(name = "Entries", jsonPath = ".status.entryCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Bytes", jsonPath = ".status.totalBytes", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Drives", jsonPath = ".status.driveCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class IsoCatalog extends CustomResource<IsoCatalogSpec, IsoCatalogStatus> implements Namespaced {}
