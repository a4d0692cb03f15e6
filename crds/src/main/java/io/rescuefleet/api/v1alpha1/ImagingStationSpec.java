package io.rescuefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** How the operator recognises a station and what the station may touch. */
public class ImagingStationSpec {
  @Required
  @ValidationRule(value = "has(self.__namespace__)", message = "tokenSecretRef.namespace is required for a cluster-scoped station")
  @JsonPropertyDescription("The Secret key holding this station's bearer token.")
  public SecretKeyRef tokenSecretRef;

  @Size(max = 256)
  @ValidationRule(value = "self.all(p, self.exists_one(q, q.path == p.path))", message = "port paths must be unique")
  @JsonPropertyDescription("Friendly names for USB port paths; RescueDrive claims name these paths.")
  public List<Port> ports = new ArrayList<>();

  /**
   * Non-USB block devices this station may touch. The operator hands the list to the station with
   * every heartbeat answer; the station admits such a device only when its own station.yaml
   * {@code allowDevices} lists it as well (the host's list is its own safety, the cluster can only
   * narrow it), and never the root disk.
   */
  @Size(max = 64)
  @JsonPropertyDescription("Non-USB block devices this station may touch, e.g. /dev/loop3. The station admits such a device only when its own station.yaml allowDevices lists it too: this list can only narrow the host's. The root disk is refused even when listed.")
  public List<String> allowDevices = new ArrayList<>();

  /** A USB port path and its friendly label. */
  public static class Port {
    @Required
    @Pattern(ApiConstants.USB_PORT_PATTERN)
    @JsonPropertyDescription("USB port path as the kernel names it, e.g. 1-2.3.")
    public String path;

    @Size(max = 128)
    @JsonPropertyDescription("Friendly label, e.g. \"hub A slot 3\".")
    public String label;

    public Port() {}

    public Port(String path, String label) {
      this.path = path;
      this.label = label;
    }
  }
}
