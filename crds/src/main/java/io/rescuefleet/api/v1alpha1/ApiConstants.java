package io.rescuefleet.api.v1alpha1;

/** Names and patterns shared by the schema annotations and the semantic validator. */
public final class ApiConstants {
  public static final String GROUP = "rescuefleet.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String CATEGORY = "rescuefleet";

  /** The FleetPolicy a RescueDrive without {@code policyRef} uses. */
  public static final String DEFAULT_POLICY_NAME = "default";

  /** Annotation a person sets on a quarantined RescueDrive to release it. */
  public static final String ACKNOWLEDGE_ANNOTATION = GROUP + "/acknowledge-alerts";

  /**
   * Label the operator replica holding the leader Lease puts on its own Pod (value {@code "true"});
   * the chart's Service selects it, so stations reach the leader only.
   */
  public static final String LEADER_LABEL = GROUP + "/leader";

  /** 64 lowercase hex digits. */
  public static final String SHA256_PATTERN = "^[0-9a-f]{64}$";

  /** A DNS-1123 label: lowercase alphanumerics and '-', starting and ending alphanumeric. */
  public static final String DNS_LABEL_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  /** Sources the station can fetch. */
  public static final String URL_PATTERN = "^(https?|file)://[^\\s]+$";

  /**
   * A relative, normalised path: segments separated by single '/', no leading '/', no '.' or '..'
   * segment, no NUL. Written without look-ahead so the API server's RE2 engine accepts it.
   */
  public static final String RELATIVE_PATH_PATTERN =
      "^([^/.\\x00][^/\\x00]*|\\.[^/.\\x00][^/\\x00]*|\\.\\.[^/\\x00]+)"
          + "(/([^/.\\x00][^/\\x00]*|\\.[^/.\\x00][^/\\x00]*|\\.\\.[^/\\x00]+))*$";

  /** Ventoy release versions look like {@code 1.1.05}. */
  public static final String VENTOY_VERSION_PATTERN = "^[0-9]+\\.[0-9]+\\.[0-9]+$";

  /** A USB port path as the kernel names it, e.g. {@code 1-2.3}. */
  /** A USB serial as RescueFleet accepts it, in specs and on the wire. */
  public static final String SERIAL_PATTERN = "^[A-Za-z0-9._:-]{1,128}$";

  public static final String USB_PORT_PATTERN = "^[0-9]+-[0-9]+(\\.[0-9]+)*$";

  private ApiConstants() {}
}
