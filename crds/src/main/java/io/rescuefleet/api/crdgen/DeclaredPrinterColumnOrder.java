package io.rescuefleet.api.crdgen;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a generated CRD's printer columns in the order its class declares its
 * {@link AdditionalPrinterColumn}s, which is the order {@code kubectl get} shows them in.
 */
final class DeclaredPrinterColumnOrder implements CRDPostProcessor {
  private final Map<String, List<String>> declaredPaths = new HashMap<>();

  DeclaredPrinterColumnOrder(List<Class<? extends HasMetadata>> kinds) {
    for (Class<? extends HasMetadata> kind : kinds) {
      // getAnnotationsByType keeps the source order of repeated annotations (JLS 9.7.5).
      declaredPaths.put(HasMetadata.getFullResourceName(kind),
          Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class)).map(AdditionalPrinterColumn::jsonPath).toList());
    }
  }

  @Override
  public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
    List<String> order = declaredPaths.get(crd.getMetadata().getName());
    if (order == null || !(crd instanceof CustomResourceDefinition definition)) {
      return crd;
    }
    for (CustomResourceDefinitionVersion version : definition.getSpec().getVersions()) {
      List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
      if (columns == null || columns.isEmpty()) {
        continue;
      }
      List<CustomResourceColumnDefinition> ordered = new ArrayList<>(columns);
      // Columns from @PrinterColumn fields are not declared on the class: they keep the generator's order after ours.
      ordered.sort(Comparator.comparingInt(c -> {
        int at = order.indexOf(c.getJsonPath());
        return at < 0 ? order.size() : at;
      }));
      version.setAdditionalPrinterColumns(ordered);
    }
    return crd;
  }
}
