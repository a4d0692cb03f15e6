package io.rescuefleet.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * How a fleet is sampled (throughput interval, verify depth) and when it alerts. A RescueDrive
 * without {@code policyRef} uses the FleetPolicy named {@code default} in its namespace.
 */
@Group(ApiConstants.GROUP)
@Version(ApiConstants.VERSION)
@ShortNames("fpol")
@Categories(ApiConstants.CATEGORY)
@AdditionalPrinterColumn(name = "Verify", jsonPath = ".spec.sampling.verify.mode", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Min Write MB/s", jsonPath = ".spec.alerts.minWriteMBps", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Quarantine", jsonPath = ".spec.alerts.quarantine", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Drives", jsonPath = ".status.driveCount", type = AdditionalPrinterColumn.Type.INTEGER)
public class FleetPolicy extends CustomResource<FleetPolicySpec, FleetPolicyStatus> implements Namespaced {}
