package io.rescuefleet.station.wtg.image;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Picks the image a profile selects. An index must exist. An edition is matched, ignoring case and
 * surrounding blanks, against the image's NAME first, then its DISPLAYNAME, then its EDITIONID or
 * FLAGS: the first of these tiers where any image matches decides, and it must match exactly one image
 * (so "Windows 11 Pro" picks by name even where another image's display name says the same, and
 * "Professional" works as an edition id). Pure.
 */
public final class ImageSelector {
  private static final List<Function<WimImage, List<String>>> TIERS = List.of(
      i -> List.of(nullToEmpty(i.name())),
      i -> List.of(nullToEmpty(i.displayName())),
      i -> List.of(nullToEmpty(i.editionId()), nullToEmpty(i.flags())));

  private ImageSelector() {}

  /**
   * @param source how to name the WIM in messages, e.g. {@code WtgProfile "win11-wtg" image install.wim}
   * @throws WtgImageNotFoundException naming the field and listing the images the WIM has
   */
  public static WimImage select(WimInfo info, ImageSelection selection, String source) {
    if (selection.index() != null) {
      return info.image(selection.index()).orElseThrow(() -> notFound(source, selection.field() + " " + selection.index()
          + " is not an image of " + source, info));
    }
    String wanted = normalise(selection.edition());
    if (wanted.isEmpty()) {
      throw notFound(source, selection.field() + " is blank", info);
    }
    for (Function<WimImage, List<String>> tier : TIERS) {
      List<WimImage> matches = info.images().stream()
          .filter(i -> tier.apply(i).stream().map(ImageSelector::normalise).anyMatch(wanted::equals))
          .toList();
      if (matches.size() == 1) {
        return matches.get(0);
      }
      if (matches.size() > 1) {
        throw notFound(source, selection.field() + " \"" + selection.edition() + "\" matches more than one image of "
            + source + " (" + new WimInfo(matches).describe() + "); select one by spec.index", info);
      }
    }
    throw notFound(source, selection.field() + " \"" + selection.edition() + "\" matches no image of " + source, info);
  }

  private static WtgImageNotFoundException notFound(String source, String problem, WimInfo info) {
    return new WtgImageNotFoundException(problem + "; it has " + info.describe());
  }

  private static String normalise(String s) {
    return s.strip().toLowerCase(Locale.ROOT);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
