package io.rescuefleet.api.resolve;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rescuefleet.api.resolve.DriveAssignment.ClaimRef;
import io.rescuefleet.api.resolve.DriveAssignment.ResolvedFile;
import io.rescuefleet.api.resolve.DriveAssignment.ResolvedLayout;
import io.rescuefleet.api.resolve.DriveAssignment.ResolvedSignature;
import io.rescuefleet.api.resolve.DriveAssignment.ResolvedUnattend;
import io.rescuefleet.api.resolve.DriveAssignment.ResolvedWtg;
import io.rescuefleet.api.v1alpha1.ApiConstants;
import io.rescuefleet.api.v1alpha1.CatalogEntry;
import io.rescuefleet.api.v1alpha1.EntrySelection;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.Layout;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveSpec;
import io.rescuefleet.api.v1alpha1.WtgProfile;
import io.rescuefleet.api.v1alpha1.WtgProfileSpec;
import io.rescuefleet.api.v1alpha1.WtgTarget;
import io.rescuefleet.api.validate.InvalidSpecException;
import io.rescuefleet.api.validate.ManifestValidator;
import io.rescuefleet.api.validate.ObjectNames;
import io.rescuefleet.api.validate.PathRules;
import io.rescuefleet.api.validate.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a RescueDrive and what it references into one {@link DriveAssignment}. Pure: everything it
 * reads comes through the {@link ReferenceLookup}. Validates the drive and each referenced object
 * with the shared validator, then the rules that span objects, and reports every problem at once.
 */
public final class Resolver {
  private final ManifestValidator validator;

  public Resolver(ManifestValidator validator) {
    this.validator = validator;
  }

  public Resolver() {
    this(new ManifestValidator());
  }

  /**
   * Resolves {@code drive}.
   *
   * @throws InvalidSpecException with every problem found, in the drive or what it references
   */
  public DriveAssignment resolve(RescueDrive drive, ReferenceLookup lookup) {
    List<Problem> problems = new ArrayList<>(validator.validate(drive));
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
    RescueDriveSpec spec = drive.getSpec();
    String ns = namespaceOf(drive);
    String self = ObjectNames.describe(drive);

    IsoCatalog catalog = referenced(lookup.catalog(ns, spec.catalogRef.name), "spec.catalogRef.name",
        "IsoCatalog", ns, spec.catalogRef.name, self, problems);
    WtgProfile profile = spec.wtgProfileRef == null ? null : referenced(lookup.wtgProfile(ns, spec.wtgProfileRef.name),
        "spec.wtgProfileRef.name", "WtgProfile", ns, spec.wtgProfileRef.name, self, problems);
    EffectivePolicy policy = policy(spec, ns, lookup, self, problems);

    List<ResolvedFile> files = catalog == null ? List.of() : files(spec.entries, catalog, lookup, self, problems);
    ResolvedLayout layout = layout(spec.layout);
    ResolvedWtg wtg = profile == null ? null : wtg(profile);
    if (wtg != null) {
      crossCheckWtg(layout, wtg, files, self, problems);
    }
    if (spec.ventoy != null && spec.ventoy.control != null && spec.ventoy.control.defaultImage != null) {
      String image = spec.ventoy.control.defaultImage;
      boolean known = files.stream().anyMatch(f -> f.path().equals(image))
          || (wtg != null && image.equals(wtg.vhdPath()));
      if (!known) {
        problems.add(new Problem(self, "spec.ventoy.control.defaultImage", "is not the path of any selected entry: " + image));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }

    var ventoyJson = VentoyJson.render(spec.ventoy, files, wtg);
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("layout", layout);
    content.put("files", files);
    content.put("ventoyJson", ventoyJson);
    content.put("wtg", wtg);
    String digest = CanonicalJson.sha256(content);

    ClaimRef claim = spec.claim == null ? null : new ClaimRef(spec.claim.station, spec.claim.port);
    long generation = Optional.ofNullable(drive.getMetadata().getGeneration()).orElse(0L);
    return new DriveAssignment(ns, drive.getMetadata().getName(), generation, spec.serial, claim, layout, files,
        ventoyJson, wtg, policy, digest);
  }

  private <T extends HasMetadata> T referenced(Optional<T> found, String field, String kind,
      String ns, String name, String self, List<Problem> problems) {
    if (found.isEmpty()) {
      problems.add(new Problem(self, field, kind + " \"" + name + "\" not found in namespace " + ns));
      return null;
    }
    List<Problem> own = validator.validate(found.get());
    if (!own.isEmpty()) {
      problems.add(new Problem(self, field, kind + " \"" + name + "\" is invalid"));
      problems.addAll(own);
      return null;
    }
    return found.get();
  }

  private EffectivePolicy policy(RescueDriveSpec spec, String ns, ReferenceLookup lookup, String self, List<Problem> problems) {
    if (spec.policyRef != null) {
      FleetPolicy p = referenced(lookup.policy(ns, spec.policyRef.name), "spec.policyRef.name", "FleetPolicy", ns,
          spec.policyRef.name, self, problems);
      return p == null ? null : EffectivePolicy.of(ObjectNames.describe(p), p.getSpec());
    }
    Optional<FleetPolicy> fallback = lookup.policy(ns, ApiConstants.DEFAULT_POLICY_NAME);
    if (fallback.isEmpty()) {
      return EffectivePolicy.defaults();
    }
    FleetPolicy p = referenced(fallback, "spec.policyRef", "FleetPolicy", ns, ApiConstants.DEFAULT_POLICY_NAME, self, problems);
    return p == null ? null : EffectivePolicy.of(ObjectNames.describe(p), p.getSpec());
  }

  private List<ResolvedFile> files(EntrySelection selection, IsoCatalog catalog, ReferenceLookup lookup, String self,
      List<Problem> problems) {
    List<CatalogEntry> entries = catalog.getSpec().entries;
    List<CatalogEntry> chosen = new ArrayList<>();
    if (selection != null && selection.names != null && !selection.names.isEmpty()) {
      for (int i = 0; i < selection.names.size(); i++) {
        String name = selection.names.get(i);
        Optional<CatalogEntry> entry = entries.stream().filter(e -> e.name.equals(name)).findFirst();
        if (entry.isPresent()) {
          chosen.add(entry.get());
        } else {
          problems.add(new Problem(self, "spec.entries.names[" + i + "]",
              "no entry \"" + name + "\" in " + ObjectNames.describe(catalog)));
        }
      }
      // Keep catalog order: it is the order a user reads and the order files are synced.
      chosen.sort((a, b) -> Integer.compare(entries.indexOf(a), entries.indexOf(b)));
    } else if (selection != null && selection.selector != null && selection.selector.matchLabels != null) {
      Map<String, String> want = selection.selector.matchLabels;
      for (CatalogEntry e : entries) {
        Map<String, String> have = e.labels == null ? Map.of() : e.labels;
        if (want.entrySet().stream().allMatch(w -> Objects.equals(have.get(w.getKey()), w.getValue()))) {
          chosen.add(e);
        }
      }
    } else {
      chosen.addAll(entries);
    }

    String catalogNs = namespaceOf(catalog);
    List<ResolvedFile> files = new ArrayList<>();
    for (CatalogEntry e : chosen) {
      ResolvedSignature signature = null;
      if (e.signature != null) {
        int index = entries.indexOf(e);
        var ref = e.signature.keySecretRef;
        Optional<String> key = lookup.secretValue(catalogNs, ref.name, ref.key);
        if (key.isEmpty()) {
          problems.add(new Problem(ObjectNames.describe(catalog), "spec.entries[" + index + "].signature.keySecretRef",
              "Secret " + catalogNs + "/" + ref.name + " has no key \"" + ref.key + "\" (or does not exist)"));
        } else {
          signature = new ResolvedSignature(e.signature.url, key.get());
        }
      }
      files.add(new ResolvedFile(e.name, e.path, e.url, e.sha256, e.size, e.menuAlias, signature));
    }
    return files;
  }

  private static ResolvedLayout layout(Layout l) {
    Layout d = new Layout();
    Layout layout = l == null ? d : l;
    return new ResolvedLayout(
        layout.partitionStyle != null ? layout.partitionStyle : d.partitionStyle,
        layout.dataFilesystem != null ? layout.dataFilesystem : d.dataFilesystem,
        layout.dataLabel != null ? layout.dataLabel : d.dataLabel,
        layout.ventoyVersion,
        layout.reservedMiB != null ? layout.reservedMiB : d.reservedMiB,
        layout.secureBoot != null ? layout.secureBoot : d.secureBoot);
  }

  private static ResolvedWtg wtg(WtgProfile profile) {
    WtgProfileSpec s = profile.getSpec();
    WtgProfileSpec.Unattend defaults = new WtgProfileSpec.Unattend();
    WtgProfileSpec.Unattend u = s.unattend == null ? defaults : s.unattend;
    ResolvedUnattend unattend = new ResolvedUnattend(
        u.computerNamePattern != null ? u.computerNamePattern : defaults.computerNamePattern,
        u.copyProfile != null ? u.copyProfile : defaults.copyProfile,
        u.persistentPageFile != null ? u.persistentPageFile : defaults.persistentPageFile,
        u.sanPolicy != null ? u.sanPolicy : defaults.sanPolicy);
    return new ResolvedWtg(profile.getMetadata().getName(), s.image.url, s.image.sha256, s.image.size, s.index, s.edition,
        s.target, s.sizeMiB, s.vhdPath, unattend, s.driversPath);
  }

  private static void crossCheckWtg(ResolvedLayout layout, ResolvedWtg wtg, List<ResolvedFile> files, String self,
      List<Problem> problems) {
    if (wtg.target() == WtgTarget.Partition && layout.reservedMiB() < wtg.sizeMiB()) {
      problems.add(new Problem(self, "spec.layout.reservedMiB", layout.reservedMiB() + " MiB reserved, but WtgProfile \""
          + wtg.profileName() + "\" needs " + wtg.sizeMiB() + " MiB for its Partition target"));
    }
    if (wtg.target() == WtgTarget.VhdFile) {
      String key = PathRules.collisionKey(wtg.vhdPath());
      files.stream().filter(f -> PathRules.collisionKey(f.path()).equals(key)).findFirst().ifPresent(f ->
          problems.add(new Problem(self, "spec.wtgProfileRef.name", "WtgProfile \"" + wtg.profileName()
              + "\" puts its VHD at " + wtg.vhdPath() + ", where entry \"" + f.name() + "\" goes")));
    }
  }

  private static String namespaceOf(HasMetadata object) {
    String ns = object.getMetadata().getNamespace();
    return ns == null || ns.isEmpty() ? "default" : ns;
  }
}
