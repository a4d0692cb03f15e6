package io.rescuefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/**
 * The stick's partition layout, as Ventoy makes it: the data partition from sector 2048, then
 * VTOYEFI (FAT16, 32 MiB) at the end of the disk before {@code reservedMiB}.
 */
public class Layout {
  @Default("GPT")
  @JsonPropertyDescription("Partition table: GPT or MBR.")
  public PartitionStyle partitionStyle = PartitionStyle.GPT;

  @Default("exFAT")
  @JsonPropertyDescription("Filesystem of the data partition: exFAT or NTFS.")
  public DataFilesystem dataFilesystem = DataFilesystem.exFAT;

  @Size(min = 1, max = 11)
  @Pattern("^[A-Za-z0-9_ -]+$")
  @Default("Ventoy")
  @JsonPropertyDescription("Volume label of the data partition.")
  public String dataLabel = "Ventoy";

  @Pattern(ApiConstants.VENTOY_VERSION_PATTERN)
  @JsonPropertyDescription("Ventoy release whose boot code is installed, e.g. 1.1.05.")
  public String ventoyVersion;

  @Min(0)
  @Default("0")
  @JsonPropertyDescription("MiB left after VTOYEFI (Ventoy's -r), e.g. for a Windows To Go partition.")
  public Long reservedMiB = 0L;

  @Default("true")
  @JsonPropertyDescription("Install Ventoy's Secure Boot support.")
  public Boolean secureBoot = true;
}
