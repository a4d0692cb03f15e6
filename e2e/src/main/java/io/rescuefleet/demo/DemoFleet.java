package io.rescuefleet.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.rescuefleet.api.load.ManifestSet;
import io.rescuefleet.api.v1alpha1.CatalogEntry;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.ObjectRef;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveSpec;
import io.rescuefleet.api.v1alpha1.WtgProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The example fleet as the demo applies it: {@code examples/} with its image sources pointed at
 * what the demo serves on loopback (the generated ISOs, Debian's bootable images, a generated
 * Windows image), and one more RescueDrive per extra stick in the hub. The ImagingStation and its
 * token come from the demo's own station, not the example's placeholder token.
 */
public final class DemoFleet {
  /** The sticks of the demo hub: port, serial, size, and the drive that wants it. */
  public record Stick(String port, String serial, long sizeBytes, String drive) {}

  private DemoFleet() {}

  /** The hub's sticks for {@code count} ports: the two example drives first, then demo drives. */
  public static List<Stick> sticks(ManifestSet examples, int count, long wtgStickBytes, long stickBytes) {
    List<Stick> sticks = new ArrayList<>();
    RescueDrive bySerial = examples.drives().stream().filter(d -> d.getSpec().serial != null).findFirst().orElseThrow();
    RescueDrive byClaim = examples.drives().stream().filter(d -> d.getSpec().claim != null).findFirst().orElseThrow();
    for (int i = 1; i <= count; i++) {
      String port = "1-2." + i;
      if (i == 1) {
        sticks.add(new Stick(port, bySerial.getSpec().serial, wtgStickBytes, bySerial.getMetadata().getName()));
      } else if (port.equals(byClaim.getSpec().claim.port)) {
        sticks.add(new Stick(port, String.format("DEMO%04d", i), stickBytes, byClaim.getMetadata().getName()));
      } else {
        sticks.add(new Stick(port, String.format("DEMO%04d", i), stickBytes, String.format("demo-stick-%02d", i)));
      }
    }
    return sticks;
  }

  /**
   * The objects to apply: catalog, WTG profile, policy and drives from the examples (sources
   * repointed), plus a drive per demo stick.
   */
  public static List<HasMetadata> objects(ManifestSet examples, List<DemoImages.Image> images, Function<String, String> url,
      DemoImages.Image windowsImage, List<Stick> sticks) {
    List<HasMetadata> out = new ArrayList<>();
    IsoCatalog catalog = examples.all(IsoCatalog.class).get(0);
    catalog.getSpec().entries = entries(catalog.getSpec().entries, images, url);
    out.add(catalog);
    for (WtgProfile profile : examples.all(WtgProfile.class)) {
      profile.getSpec().image.url = url.apply(windowsImage.file().getFileName().toString());
      profile.getSpec().image.sha256 = windowsImage.sha256();
      profile.getSpec().image.size = windowsImage.size();
      out.add(profile);
    }
    out.addAll(examples.all(FleetPolicy.class));
    out.addAll(examples.drives());
    String namespace = catalog.getMetadata().getNamespace();
    for (Stick stick : sticks) {
      boolean known = examples.drives().stream().anyMatch(d -> d.getMetadata().getName().equals(stick.drive()));
      if (!known) {
        out.add(demoDrive(namespace, stick, catalog.getMetadata().getName()));
      }
    }
    return out;
  }

  /** The example entries, each matched by name to the image the demo serves instead; demo-only images are added. */
  private static List<CatalogEntry> entries(List<CatalogEntry> example, List<DemoImages.Image> images,
      Function<String, String> url) {
    Map<String, CatalogEntry> byName = new LinkedHashMap<>();
    example.forEach(e -> byName.put(e.name, e));
    List<CatalogEntry> entries = new ArrayList<>();
    for (DemoImages.Image image : images) {
      CatalogEntry e = byName.getOrDefault(image.name(), new CatalogEntry());
      e.name = image.name();
      e.url = url.apply(image.file().getFileName().toString());
      e.sha256 = image.sha256();
      e.size = image.size();
      e.path = image.stickPath();
      e.menuAlias = image.menuAlias();
      e.labels = new LinkedHashMap<>(image.labels());
      e.signature = null;
      entries.add(e);
    }
    return entries;
  }

  private static RescueDrive demoDrive(String namespace, Stick stick, String catalog) {
    RescueDrive d = new RescueDrive();
    d.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(stick.drive())
        .withLabels(Map.of("app.kubernetes.io/part-of", "rescuefleet-demo")).build());
    d.setSpec(new RescueDriveSpec());
    d.getSpec().serial = stick.serial();
    d.getSpec().catalogRef = new ObjectRef(catalog);
    d.getSpec().layout.ventoyVersion = "1.1.05";
    d.getSpec().ventoy.control.menuTimeoutSeconds = 10;
    return d;
  }
}
