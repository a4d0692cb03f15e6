package io.rescuefleet.station.wtg.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescuefleet.station.failure.FailureKind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageSelectorTest {
  private static final WimInfo INSTALL_WIM = new WimInfo(List.of(
      image(1, "Windows 11 Home", "Windows 11 Home", "Core", "Core"),
      image(2, "Windows 11 Pro", "Windows 11 Pro", "Professional", "Professional"),
      image(3, "Windows 11 Pro N", "Windows 11 Pro N", "ProfessionalN", "ProfessionalN"),
      image(4, "Windows 11 Education", "Windows 11 Education", "Education", "Education"),
      image(5, "Custom capture", null, null, null)));

  /** An image captured by another tool: a display name that repeats another image's name. */
  private static final WimInfo ODD_WIM = new WimInfo(List.of(
      image(1, "Rescue", "Windows 11 Pro", null, "Professional"),
      image(2, "Windows 11 Pro", "Windows 11 Pro (custom)", null, null),
      image(3, "Lab A", "Lab", null, "Lab"),
      image(4, "Lab B", "Lab", null, "Lab")));

  private static WimImage image(int index, String name, String display, String editionId, String flags) {
    return new WimImage(index, name, null, display, editionId, flags, "amd64", null, 1000);
  }

  static Stream<Arguments> selections() {
    return Stream.of(
        Arguments.of("index picks that image", INSTALL_WIM, ImageSelection.index(3), 3),
        Arguments.of("edition matches the image name", INSTALL_WIM, ImageSelection.edition("Windows 11 Pro"), 2),
        Arguments.of("edition ignores case and blanks", INSTALL_WIM, ImageSelection.edition("  windows 11 PRO n "), 3),
        Arguments.of("edition matches the edition id", INSTALL_WIM, ImageSelection.edition("Education"), 4),
        Arguments.of("edition matches an image without Windows fields by name", INSTALL_WIM,
            ImageSelection.edition("Custom capture"), 5),
        Arguments.of("name wins over another image's display name", ODD_WIM, ImageSelection.edition("Windows 11 Pro"), 2),
        Arguments.of("display name when no name matches", ODD_WIM, ImageSelection.edition("Windows 11 Pro (custom)"), 2),
        Arguments.of("flags when neither name nor display name matches", ODD_WIM, ImageSelection.edition("Professional"), 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("selections")
  void selects(String name, WimInfo wim, ImageSelection selection, int expectedIndex) {
    assertThat(ImageSelector.select(wim, selection, "install.wim").index()).isEqualTo(expectedIndex);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("an index the WIM does not have", INSTALL_WIM, ImageSelection.index(9),
            "spec.index 9 is not an image of install.wim; it has 1 \"Windows 11 Home\" (Core), "
                + "2 \"Windows 11 Pro\" (Professional), 3 \"Windows 11 Pro N\" (ProfessionalN), "
                + "4 \"Windows 11 Education\" (Education), 5 \"Custom capture\""),
        Arguments.of("an unknown edition", INSTALL_WIM, ImageSelection.edition("Windows 11 Enterprise"),
            "spec.edition \"Windows 11 Enterprise\" matches no image of install.wim; it has 1 \"Windows 11 Home\""),
        Arguments.of("no partial matches", INSTALL_WIM, ImageSelection.edition("Pro"),
            "spec.edition \"Pro\" matches no image"),
        Arguments.of("an edition two images share", ODD_WIM, ImageSelection.edition("Lab"),
            "spec.edition \"Lab\" matches more than one image of install.wim (3 \"Lab A\" (Lab), 4 \"Lab B\" (Lab)); "
                + "select one by spec.index"),
        Arguments.of("a blank edition", INSTALL_WIM, ImageSelection.edition("   "), "spec.edition is blank"));
  }

  @ParameterizedTest(name = "refuses {0}")
  @MethodSource("refusals")
  void refuses(String name, WimInfo wim, ImageSelection selection, String message) {
    assertThatThrownBy(() -> ImageSelector.select(wim, selection, "install.wim"))
        .isInstanceOfSatisfying(WtgImageNotFoundException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.INVALID_INPUT);
          assertThat(e.kind().exitCode()).isEqualTo(2);
          assertThat(e.reason()).isEqualTo("WtgImageNotFound");
        })
        .hasMessageContaining(message);
  }
}
