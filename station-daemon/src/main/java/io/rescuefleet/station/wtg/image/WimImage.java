package io.rescuefleet.station.wtg.image;

/**
 * One image of a WIM or ESD as its XML describes it. Windows images also carry a display name, an
 * edition id and flags (e.g. "Windows 11 Pro", "Professional", "Professional"); images captured by
 * other tools may have none of them, hence the nulls.
 *
 * @param architecture the Windows processor architecture name unattend.xml uses ("amd64", "x86",
 *     "arm64", "arm"), or null when the XML does not say
 * @param defaultLanguage the image's default language, e.g. "en-US", or null
 */
public record WimImage(
    int index,
    String name,
    String description,
    String displayName,
    String editionId,
    String flags,
    String architecture,
    String defaultLanguage,
    long totalBytes) {

  /** How the image is listed in messages: {@code 2 "Windows 11 Home" (Core)}. */
  public String describe() {
    StringBuilder s = new StringBuilder().append(index).append(" \"").append(name == null ? "" : name).append('"');
    String edition = editionId != null ? editionId : flags;
    if (edition != null && !edition.equals(name)) {
      s.append(" (").append(edition).append(')');
    }
    return s.toString();
  }
}
