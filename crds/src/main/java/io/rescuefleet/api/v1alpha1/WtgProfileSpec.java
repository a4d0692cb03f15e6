package io.rescuefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Which Windows image goes where, and how Windows Setup finds it configured. */
@ValidationRule(value = "has(self.index) != has(self.edition)", message = "exactly one of index or edition is required")
@ValidationRule(
    value = "has(self.vhdPath) == (has(self.target) && self.target == 'VhdFile')",
    message = "vhdPath is required with target VhdFile and not allowed with target Partition")
public class WtgProfileSpec {
  @Required
  @JsonPropertyDescription("The install.wim or install.esd to apply.")
  public WtgImage image;

  @Min(1)
  @JsonPropertyDescription("Image index inside the WIM/ESD (as dism /index:N). Exactly one of index or edition.")
  public Integer index;

  @Size(min = 1, max = 256)
  @JsonPropertyDescription("Edition name as in the image's XML, e.g. \"Windows 11 Pro\". Exactly one of index or edition.")
  public String edition;

  @Required
  @Default("Partition")
  @JsonPropertyDescription("Partition: an NTFS partition in the layout's reserved space. VhdFile: a fixed VHD on the data partition.")
  public WtgTarget target = WtgTarget.Partition;

  @Required
  @Min(1024)
  @JsonPropertyDescription("Size of the Windows volume in MiB.")
  public Long sizeMiB;

  @Size(max = 1024)
  @Pattern(ApiConstants.RELATIVE_PATH_PATTERN)
  @JsonPropertyDescription("Path of the VHD on the data partition; only with target VhdFile.")
  public String vhdPath;

  @JsonPropertyDescription("What goes into Windows/Panther/unattend.xml.")
  public Unattend unattend = new Unattend();

  @Size(max = 1024)
  @Pattern(ApiConstants.RELATIVE_PATH_PATTERN)
  @JsonPropertyDescription("Folder of drivers inside the image source, registered for offline servicing.")
  public String driversPath;

  /** The WIM/ESD source. */
  public static class WtgImage {
    @Required
    @Size(max = 2048)
    @Pattern(ApiConstants.URL_PATTERN)
    @JsonPropertyDescription("Source of the WIM or ESD: an http, https or file URL.")
    public String url;

    @Required
    @Pattern(ApiConstants.SHA256_PATTERN)
    @JsonPropertyDescription("SHA-256 of the WIM or ESD, 64 lowercase hex digits.")
    public String sha256;

    @Min(0)
    @JsonPropertyDescription("Size in bytes; checked when present.")
    public Long size;
  }

  /** The settings RescueFleet writes to unattend.xml. */
  public static class Unattend {
    @Size(max = 64)
    @Default("WTG-{serial}")
    @JsonPropertyDescription("Computer name; {serial} is replaced by the stick's serial (truncated to 15 characters in all).")
    public String computerNamePattern = "WTG-{serial}";

    @Default("true")
    @JsonPropertyDescription("Copy the built-in administrator's profile to the default profile.")
    public Boolean copyProfile = true;

    @Default("true")
    @JsonPropertyDescription("Keep the page file on the Windows To Go volume.")
    public Boolean persistentPageFile = true;

    @Default("OfflineInternal")
    @JsonPropertyDescription("SAN policy; OfflineInternal (4) keeps the host's internal disks offline, as Windows To Go does.")
    public SanPolicy sanPolicy = SanPolicy.OfflineInternal;
  }
}
