package io.rescuefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.LinkedHashMap;
import java.util.Map;

/** One image of a catalog: where to get it, what it must hash to, and where it goes on the stick. */
public class CatalogEntry {
  @Required
  @Size(max = 63)
  @Pattern(ApiConstants.DNS_LABEL_PATTERN)
  @JsonPropertyDescription("Entry name, a DNS-1123 label, unique in the catalog.")
  public String name;

  @Required
  @Size(max = 2048)
  @Pattern(ApiConstants.URL_PATTERN)
  @JsonPropertyDescription("Source of the image: an http, https or file URL.")
  public String url;

  @Required
  @Pattern(ApiConstants.SHA256_PATTERN)
  @JsonPropertyDescription("SHA-256 of the image, 64 lowercase hex digits. The image is never used unless it matches.")
  public String sha256;

  @Min(0)
  @JsonPropertyDescription("Size in bytes; checked against the source when present.")
  public Long size;

  @Required
  @Size(max = 1024)
  @Pattern(ApiConstants.RELATIVE_PATH_PATTERN)
  @JsonPropertyDescription("Relative, normalised path of the image on the data partition, e.g. iso/linux/x.iso.")
  public String path;

  @Size(max = 256)
  @JsonPropertyDescription("Menu title shown by Ventoy (ventoy.json menu_alias).")
  public String menuAlias;

  @JsonPropertyDescription("Labels for selecting entries from a RescueDrive.")
  public Map<String, String> labels = new LinkedHashMap<>();

  @JsonPropertyDescription("Optional detached GPG signature checked before the image is used.")
  public Signature signature;

  /** A detached GPG signature and the public key that must have made it. */
  public static class Signature {
    @Required
    @Size(max = 2048)
    @Pattern(ApiConstants.URL_PATTERN)
    @JsonPropertyDescription("Source of the detached signature (.asc or .sig).")
    public String url;

    @Required
    @JsonPropertyDescription("Secret key holding the armored public key, in the catalog's namespace.")
    public SecretKeyRef keySecretRef;
  }
}
