package io.rescuefleet.api.resolve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rescuefleet.api.resolve.DriveAssignment.ResolvedFile;
import io.rescuefleet.api.resolve.DriveAssignment.ResolvedWtg;
import io.rescuefleet.api.v1alpha1.VentoySettings;
import io.rescuefleet.api.v1alpha1.WtgTarget;
import java.util.List;
import java.util.Map;

/**
 * Renders /ventoy/ventoy.json from a drive's Ventoy settings and its files, in the plugin format
 * ventoy.net documents: {@code control} is a list of single-option objects, paths start at the
 * data partition's root with '/'.
 */
public final class VentoyJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private VentoyJson() {}

  public static ObjectNode render(VentoySettings settings, List<ResolvedFile> files, ResolvedWtg wtg) {
    ObjectNode root = JSON.objectNode();
    VentoySettings.Control control = settings == null || settings.control == null ? new VentoySettings.Control() : settings.control;
    ArrayNode options = root.putArray("control");
    VentoySettings.MenuMode mode = control.defaultMenuMode == null ? VentoySettings.MenuMode.ListView : control.defaultMenuMode;
    option(options, "VTOY_DEFAULT_MENU_MODE", mode == VentoySettings.MenuMode.TreeView ? "1" : "0");
    if (control.menuTimeoutSeconds != null) {
      option(options, "VTOY_MENU_TIMEOUT", Integer.toString(control.menuTimeoutSeconds));
    }
    if (control.defaultImage != null) {
      option(options, "VTOY_DEFAULT_IMAGE", "/" + control.defaultImage);
    }
    if (control.extra != null) {
      control.extra.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> option(options, e.getKey(), e.getValue()));
    }

    VentoySettings.Theme theme = settings == null ? null : settings.theme;
    if (theme != null && (theme.file != null || theme.gfxmode != null || theme.displayMode != null)) {
      ObjectNode t = root.putObject("theme");
      if (theme.file != null) {
        t.put("file", "/" + theme.file);
      }
      if (theme.gfxmode != null) {
        t.put("gfxmode", theme.gfxmode);
      }
      if (theme.displayMode != null) {
        t.put("display_mode", theme.displayMode.name());
      }
    }

    ArrayNode aliases = JSON.arrayNode();
    for (ResolvedFile f : files) {
      if (f.menuAlias() != null && !f.menuAlias().isBlank()) {
        aliases.addObject().put("image", "/" + f.path()).put("alias", f.menuAlias());
      }
    }
    if (wtg != null && wtg.target() == WtgTarget.VhdFile) {
      aliases.addObject().put("image", "/" + wtg.vhdPath()).put("alias", "Windows To Go (" + wtg.profileName() + ")");
    }
    if (!aliases.isEmpty()) {
      root.set("menu_alias", aliases);
    }
    return root;
  }

  private static void option(ArrayNode options, String key, String value) {
    options.addObject().put(key, value);
  }
}
