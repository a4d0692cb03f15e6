package io.rescuefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** The images of an IsoCatalog. */
public class IsoCatalogSpec {
  @Required
  @Size(min = 1, max = 256)
  @ValidationRule(
      value = "self.all(e, self.exists_one(f, f.name == e.name))",
      message = "entry names must be unique")
  @ValidationRule(
      value = "self.all(e, self.exists_one(f, f.path == e.path))",
      message = "entry paths must be unique")
  @JsonPropertyDescription("The images. Names and paths are unique within the catalog.")
  public List<CatalogEntry> entries = new ArrayList<>();
}
