package io.rescuefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Whether a station is alive and what sits in its ports. */
public class ImagingStationStatus extends ResourceStatus {
  @JsonPropertyDescription("True while heartbeats arrive within the policy's timeout.")
  public Boolean online;

  @JsonPropertyDescription("Number of sticks present at the last heartbeat.")
  public Integer drives;

  @JsonPropertyDescription("Time of the last heartbeat (RFC 3339).")
  public String lastHeartbeat;

  @JsonPropertyDescription("Ports with the stick and RescueDrive in each.")
  public List<PortStatus> ports = new ArrayList<>();

  /** One occupied or labelled port. */
  public static class PortStatus {
    @JsonPropertyDescription("USB port path.")
    public String path;

    @JsonPropertyDescription("Friendly label from the spec.")
    public String label;

    @JsonPropertyDescription("Serial of the stick in the port, if any.")
    public String serial;

    @JsonPropertyDescription("Drive UUID from the manifest of the stick in the port: the identity RescueFleet gave its content, kept for the stick's life. Empty until the station has read the manifest during this insertion, or when the stick has none.")
    public String driveUuid;

    @JsonPropertyDescription("namespace/name of the RescueDrive bound to that stick, if any.")
    public String drive;
  }
}
