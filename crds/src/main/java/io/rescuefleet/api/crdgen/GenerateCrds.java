package io.rescuefleet.api.crdgen;

import io.fabric8.crdv2.generator.CRDGenerationInfo;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.WtgProfile;
import java.io.File;
import java.util.List;

/**
 * Build step (process-classes): generates the CRD YAML of the API kinds with fabric8's CRDGenerator.
 *
 * <p>It replaces crd-generator-maven-plugin only because the plugin cannot take the generator's
 * post-processor, and without {@link DeclaredPrinterColumnOrder} the generator sorts printer columns
 * by jsonPath, which puts Age first in {@code kubectl get}.
 */
public final class GenerateCrds {
  /** The custom resource kinds of the API, in no particular order. */
  public static final List<Class<? extends HasMetadata>> KINDS =
      List.of(IsoCatalog.class, WtgProfile.class, FleetPolicy.class, ImagingStation.class, RescueDrive.class);

  private GenerateCrds() {}

  /** Writes one {@code <plural>.<group>-v1.yml} per kind into the directory given as the only argument. */
  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: GenerateCrds OUTPUT_DIR");
    }
    File out = new File(args[0]);
    if (!out.isDirectory() && !out.mkdirs()) {
      throw new IllegalStateException("cannot create " + out);
    }
    CRDGenerationInfo info = new CRDGenerator()
        .customResourceClasses(KINDS)
        .forCRDVersions("v1")
        .withParallelGenerationEnabled(false)
        .withPostProcessor(new DeclaredPrinterColumnOrder(KINDS))
        .inOutputDir(out)
        .detailedGenerate();
    int written = info.getCRDDetailsPerNameAndVersion().size();
    if (written != KINDS.size()) {
      throw new IllegalStateException("generated " + written + " CRDs for " + KINDS.size() + " kinds");
    }
  }
}
