package io.rescuefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ventoy plugin settings; RescueFleet owns /ventoy/ventoy.json and restores it when edited. */
public class VentoySettings {
  @JsonPropertyDescription("The control plugin (global VTOY_* options).")
  public Control control = new Control();

  @JsonPropertyDescription("The theme plugin; omitted or empty means Ventoy's default theme.")
  public Theme theme;

  /** Global options of the control plugin. */
  public static class Control {
    @Min(0)
    @Max(3600)
    @JsonPropertyDescription("VTOY_MENU_TIMEOUT: seconds before the default entry boots; omitted waits forever.")
    public Integer menuTimeoutSeconds;

    @Default("ListView")
    @JsonPropertyDescription("VTOY_DEFAULT_MENU_MODE: ListView or TreeView.")
    public MenuMode defaultMenuMode = MenuMode.ListView;

    @Size(max = 1024)
    @Pattern(ApiConstants.RELATIVE_PATH_PATTERN)
    @JsonPropertyDescription("VTOY_DEFAULT_IMAGE: path of the entry booted by default.")
    public String defaultImage;

    @JsonPropertyDescription("Further VTOY_* options, written as given.")
    public Map<String, String> extra = new LinkedHashMap<>();
  }

  /** Options of the theme plugin. */
  public static class Theme {
    @Size(max = 1024)
    @Pattern(ApiConstants.RELATIVE_PATH_PATTERN)
    @JsonPropertyDescription("Path of the theme.txt on the data partition.")
    public String file;

    @Pattern("^[0-9]+x[0-9]+$")
    @JsonPropertyDescription("Screen resolution, e.g. 1920x1080.")
    public String gfxmode;

    @JsonPropertyDescription("GUI or CLI.")
    public DisplayMode displayMode;
  }

  /** Ventoy's two menu modes. */
  public enum MenuMode {
    ListView,
    TreeView
  }

  /** Ventoy's display modes. */
  public enum DisplayMode {
    GUI,
    CLI
  }
}
