package io.rescuefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The desired state of one stick. */
@ValidationRule(value = "has(self.serial) != has(self.claim)", message = "exactly one of serial or claim is required")
public class RescueDriveSpec {
  @Size(min = 1, max = 128)
  @Pattern("^[A-Za-z0-9._:-]+$")
  @JsonPropertyDescription("The stick's USB serial number. Exactly one of serial or claim.")
  public String serial;

  @JsonPropertyDescription("Claim whatever stick sits in a station's port. Exactly one of serial or claim.")
  public Claim claim;

  @JsonPropertyDescription("Partition layout (Ventoy-compatible).")
  public Layout layout = new Layout();

  @Required
  @JsonPropertyDescription("The IsoCatalog whose entries go on the stick.")
  public ObjectRef catalogRef;

  @JsonPropertyDescription("Which catalog entries to use; all of them when omitted.")
  public EntrySelection entries;

  @JsonPropertyDescription("Optional Windows To Go system.")
  public ObjectRef wtgProfileRef;

  @JsonPropertyDescription("Ventoy plugin settings written to /ventoy/ventoy.json.")
  public VentoySettings ventoy = new VentoySettings();

  @JsonPropertyDescription("FleetPolicy governing this drive; the one named \"default\" when omitted.")
  public ObjectRef policyRef;

  /** A station port whose stick this drive claims. */
  public static class Claim {
    @Required
    @Pattern(ApiConstants.DNS_LABEL_PATTERN)
    @JsonPropertyDescription("Name of the ImagingStation.")
    public String station;

    @Required
    @Pattern(ApiConstants.USB_PORT_PATTERN)
    @JsonPropertyDescription("USB port path on that station, e.g. 1-2.3.")
    public String port;

    public Claim() {}

    public Claim(String station, String port) {
      this.station = station;
      this.port = port;
    }
  }
}
