package io.rescuefleet.operator.testing;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.rescuefleet.api.v1alpha1.CatalogEntry;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.FleetPolicySpec;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.ImagingStationSpec;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.IsoCatalogSpec;
import io.rescuefleet.api.v1alpha1.ObjectRef;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveSpec;
import io.rescuefleet.api.v1alpha1.SecretKeyRef;

/** Valid RescueFleet objects for tests, to be adjusted by each test. */
public final class Fixtures {
  public static final String TOKEN_NAMESPACE = "rescuefleet-system";
  public static final String SHA = "0f3c1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1";

  private Fixtures() {}

  public static IsoCatalog catalog(String namespace, String name, int entries) {
    IsoCatalog c = new IsoCatalog();
    c.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    c.setSpec(new IsoCatalogSpec());
    for (int i = 0; i < entries; i++) {
      CatalogEntry e = new CatalogEntry();
      e.name = "image-" + i;
      e.url = "https://mirror.example.org/image-" + i + ".iso";
      e.sha256 = SHA.substring(1) + i % 10;
      e.size = 1_000_000L * (i + 1);
      e.path = "iso/image-" + i + ".iso";
      c.getSpec().entries.add(e);
    }
    return c;
  }

  public static FleetPolicy policy(String namespace, String name) {
    FleetPolicy p = new FleetPolicy();
    p.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    p.setSpec(new FleetPolicySpec());
    return p;
  }

  public static ImagingStation station(String name, String tokenSecret, String... ports) {
    ImagingStation s = new ImagingStation();
    s.setMetadata(new ObjectMetaBuilder().withName(name).build());
    s.setSpec(new ImagingStationSpec());
    s.getSpec().tokenSecretRef = new SecretKeyRef(TOKEN_NAMESPACE, tokenSecret, "token");
    for (String port : ports) {
      s.getSpec().ports.add(new ImagingStationSpec.Port(port, "slot " + port));
    }
    return s;
  }

  public static Secret tokenSecret(String name, String token) {
    return new SecretBuilder().withNewMetadata().withNamespace(TOKEN_NAMESPACE).withName(name).endMetadata()
        .addToStringData("token", token).build();
  }

  public static RescueDrive driveBySerial(String namespace, String name, String serial, String catalog) {
    RescueDrive d = drive(namespace, name, catalog);
    d.getSpec().serial = serial;
    return d;
  }

  public static RescueDrive driveByClaim(String namespace, String name, String station, String port, String catalog) {
    RescueDrive d = drive(namespace, name, catalog);
    d.getSpec().claim = new RescueDriveSpec.Claim(station, port);
    return d;
  }

  private static RescueDrive drive(String namespace, String name, String catalog) {
    RescueDrive d = new RescueDrive();
    d.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    d.setSpec(new RescueDriveSpec());
    d.getSpec().catalogRef = new ObjectRef(catalog);
    return d;
  }
}
