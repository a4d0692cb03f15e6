package io.rescuefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Selects catalog entries by name or by labels. */
@ValidationRule(
    value = "!(has(self.names) && size(self.names) > 0 && has(self.selector))",
    message = "use names or selector, not both")
public class EntrySelection {
  @Size(max = 256)
  @JsonPropertyDescription("Entry names to put on the stick.")
  public List<String> names = new ArrayList<>();

  @JsonPropertyDescription("Select entries whose labels match.")
  public Selector selector;

  /** A label selector over catalog entries. */
  public static class Selector {
    @JsonPropertyDescription("Every label here must be present on the entry with this value.")
    public Map<String, String> matchLabels = new LinkedHashMap<>();
  }
}
