package io.rescuefleet.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.rescuefleet.api.load.ManifestLoadException;
import io.rescuefleet.api.load.ManifestLoader;
import io.rescuefleet.api.load.ManifestSet;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.ObjectRef;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveSpec;
import io.rescuefleet.api.v1alpha1.ResourceStatus;
import io.rescuefleet.api.v1alpha1.WtgProfile;
import io.rescuefleet.api.wire.Assignments;
import io.rescuefleet.api.wire.Assignments.StationAssignment;
import io.rescuefleet.api.wire.Heartbeat;
import io.rescuefleet.operator.testing.Fixtures;
import io.rescuefleet.operator.testing.OperatorFixture;
import io.rescuefleet.operator.testing.StationClient;
import io.rescuefleet.operator.testing.Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared manifest corpus ({@code crds/src/test/resources/invalid}) through the API path: each case
 * gets a namespace holding the base objects, a valid twin of each object the case names, and a valid
 * RescueDrive whose stick sits in a station, so it has a good assignment; then the case's objects are
 * applied over them, as {@code kubectl apply} would. Every case must end with an object of the case (or the drive) Valid=False, reason and field
 * in the message, a Warning Event naming the field, and the station still holding the last good
 * assignment.
 *
 * <p>Cases the loader refuses (not YAML, unknown kinds and fields, wrong types) never reach a
 * controller: a real API server's structural schema refuses or prunes them, and the CLI test covers
 * them. Cases that give a cluster-scoped object a namespace cannot be stored as such either.
 */
class ManifestCorpusComponentTest {
  private static final Path CORPUS = Path.of("../crds/src/test/resources/invalid");
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String STATION = "corpus-lab";
  private static final String TOKEN = "tok-corpus-lab";
  private static OperatorFixture f;
  private static StationClient lab;
  private static ManifestSet base;
  /** Per API-path case: its namespace, stick serial, and the good assignment's digest. */
  private static final Map<String, Case> CASES = new LinkedHashMap<>();

  private record Case(Path file, String field, String namespace, String serial, List<HasMetadata> objects,
      String stationName) {}

  @BeforeAll
  static void goodStateThenTheCases() throws IOException {
    base = new ManifestLoader().load(List.of(CORPUS.resolve("_base.yaml")));
    f = OperatorFixture.start(c -> c);
    f.create(Fixtures.tokenSecret(STATION + "-token", TOKEN));
    int n = 0;
    String only = System.getProperty("corpus.only", "");
    for (Path file : files()) {
      n++;
      if (!file.getFileName().toString().matches(only.isEmpty() ? ".*" : only)) {
        continue;
      }
      Optional<ManifestSet> set = loadable(file);
      if (set.isEmpty()) {
        continue;
      }
      String ns = "corpus-" + n;
      String serial = "CASE" + n;
      Case c = new Case(file, field(file), ns, serial, new ArrayList<>(), "corpus-" + n + "-lab");
      for (HasMetadata o : set.get().objects()) {
        c.objects().add(adapt(o, c));
      }
      CASES.put(file.getFileName().toString(), c);
      goodState(c);
    }
    f.create(Fixtures.station(STATION, STATION + "-token"));
    lab = f.station(STATION, TOKEN);
    heartbeat();
    // The station stays online however long the cases take.
    HEARTBEATS.scheduleWithFixedDelay(ManifestCorpusComponentTest::heartbeat, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
    Map<String, String> digests = new LinkedHashMap<>();
    await().atMost(WAIT).untilAsserted(() -> {
      Assignments a = lab.assignmentsOk();
      assertThat(a.assignments()).hasSize(CASES.size());
      a.assignments().forEach(w -> digests.put(w.serial(), w.assignment().contentDigest()));
    });
    GOOD_DIGESTS.putAll(digests);
    for (Case c : CASES.values()) {
      for (HasMetadata o : c.objects()) {
        f.client.resource(o).createOr(NonDeletingOperation::update);
      }
    }
  }

  private static final Map<String, String> GOOD_DIGESTS = new LinkedHashMap<>();
  private static final java.util.concurrent.ScheduledExecutorService HEARTBEATS =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

  @AfterAll
  static void stop() {
    HEARTBEATS.shutdownNow();
    if (lab != null) {
      lab.close();
    }
    if (f != null) {
      f.close();
    }
  }

  static Stream<String> cases() {
    return CASES.keySet().stream();
  }

  @Test
  void mostOfTheCorpusReachesTheControllers() throws IOException {
    assertThat(CASES).as("set -Dcorpus.only=... only to debug").hasSizeGreaterThanOrEqualTo(60);
    System.out.println("API path: " + CASES.size() + " of " + files().size() + " manifest cases");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isInvalidNamingTheFieldWithAWarningAndTheLastGoodAssignmentStays(String name) {
    Case c = CASES.get(name);
    await().atMost(WAIT).untilAsserted(() -> {
      List<HasMetadata> reporters = new ArrayList<>(c.objects());
      reporters.add(drive(c));
      assertThat(reporters).as("an object of %s reporting %s", name, c.field()).anySatisfy(o -> {
        HasMetadata stored = stored(o);
        assertThat(stored).isNotNull();
        ResourceStatus status = (ResourceStatus) ((CustomResource<?, ?>) stored).getStatus();
        assertThat(status).isNotNull();
        Condition valid = condition(status, "Valid");
        assertThat(valid.getStatus()).isEqualTo("False");
        assertThat(valid.getReason()).isIn("InvalidSpec", "ReferenceNotFound");
        assertThat(valid.getMessage()).contains(c.field() + ": ");
        if (!(stored instanceof ImagingStation)) {
          // Stations have no Ready condition: Valid and Online say it all.
          assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        }
        String eventNamespace = stored.getMetadata().getNamespace() == null ? "default" : stored.getMetadata().getNamespace();
        List<Event> events = f.events(eventNamespace, stored.getMetadata().getName());
        assertThat(events).anySatisfy(e -> {
          assertThat(e.getType()).isEqualTo("Warning");
          assertThat(e.getReason()).isEqualTo(valid.getReason());
          assertThat(e.getMessage()).contains(c.field() + ": ");
        });
      });
    });
    await().atMost(WAIT).untilAsserted(() -> assertThat(lab.assignmentsOk().assignments())
        .as("the stick of %s keeps its last good assignment; drive conditions %s", name, drive(c).getStatus().conditions)
        .filteredOn(w -> w.serial().equals(c.serial())).singleElement()
        .extracting(StationAssignment::assignment).satisfies(a -> {
          assertThat(a.contentDigest()).isEqualTo(GOOD_DIGESTS.get(c.serial()));
          assertThat(a.driveKey()).isEqualTo(c.namespace() + "/case-drive");
        }));
  }

  /** The base objects, a valid twin of every object the case names, and a valid drive in the station. */
  private static void goodState(Case c) {
    for (HasMetadata o : base.objects()) {
      f.create(inNamespace(copy(o), c.namespace()));
    }
    for (HasMetadata o : c.objects()) {
      if (o instanceof ImagingStation) {
        f.create(Fixtures.station(c.stationName(), STATION + "-token"));
      } else if (o instanceof IsoCatalog && !o.getMetadata().getName().equals("base-set")) {
        f.create(renamed(base.catalog("it-ops", "base-set").orElseThrow(), o));
      } else if (o instanceof WtgProfile && !o.getMetadata().getName().equals("base-wtg")) {
        f.create(renamed(base.wtgProfile("it-ops", "base-wtg").orElseThrow(), o));
      }
    }
    RescueDrive drive = new RescueDrive();
    drive.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withNamespace(c.namespace())
        .withName("case-drive").build());
    drive.setSpec(new RescueDriveSpec());
    drive.getSpec().serial = c.serial();
    drive.getSpec().catalogRef = new ObjectRef("base-set");
    f.create(drive);
  }

  /** The case's object in the case's namespace; its stick's serial where the case is not about the serial. */
  private static HasMetadata adapt(HasMetadata o, Case c) {
    HasMetadata a = copy(o);
    if (a instanceof ImagingStation) {
      a.getMetadata().setName(c.stationName());
    } else {
      inNamespace(a, c.namespace());
    }
    // A drive replacing the good one keeps its stick; a second drive is left as the case wrote it.
    if (a instanceof RescueDrive d && "case-drive".equals(d.getMetadata().getName()) && "ABC123".equals(d.getSpec().serial)) {
      d.getSpec().serial = c.serial();
    }
    return a;
  }

  private static Optional<ManifestSet> loadable(Path file) {
    try {
      ManifestSet set = new ManifestLoader().load(List.of(file));
      boolean namespacedStation = set.objects().stream()
          .anyMatch(o -> o instanceof ImagingStation && o.getMetadata().getNamespace() != null);
      boolean onlyOurKinds = set.objects().stream().allMatch(o -> o instanceof CustomResource<?, ?>);
      return namespacedStation || !onlyOurKinds ? Optional.empty() : Optional.of(set);
    } catch (ManifestLoadException e) {
      return Optional.empty();
    }
  }

  private static RescueDrive drive(Case c) {
    return f.drive(c.namespace(), "case-drive");
  }

  private static HasMetadata stored(HasMetadata o) {
    var resources = f.client.resources(o.getClass());
    return o.getMetadata().getNamespace() == null ? resources.withName(o.getMetadata().getName()).get()
        : resources.inNamespace(o.getMetadata().getNamespace()).withName(o.getMetadata().getName()).get();
  }

  private static synchronized void heartbeat() {
    List<Heartbeat.StickInfo> sticks = new ArrayList<>();
    int port = 1;
    for (Case c : CASES.values()) {
      sticks.add(Wire.stick(c.serial(), "1-" + port++, "insertion-" + c.serial()));
    }
    lab.heartbeatOk(new Heartbeat("corpus/1", java.time.Instant.now().toString(), sticks));
  }

  private static Condition condition(ResourceStatus status, String type) {
    return status.conditions.stream().filter(x -> type.equals(x.getType())).findFirst()
        .orElseThrow(() -> new AssertionError("no condition " + type + " in " + status.conditions));
  }

  /** A valid twin of {@code bad}: {@code good} under the bad object's name and namespace. */
  private static HasMetadata renamed(HasMetadata good, HasMetadata bad) {
    HasMetadata twin = inNamespace(copy(good), bad.getMetadata().getNamespace());
    twin.getMetadata().setName(bad.getMetadata().getName());
    return twin;
  }

  private static HasMetadata inNamespace(HasMetadata o, String namespace) {
    o.getMetadata().setNamespace(namespace);
    return o;
  }

  @SuppressWarnings("unchecked")
  private static <T extends HasMetadata> T copy(T o) {
    T c = (T) io.fabric8.kubernetes.client.utils.Serialization.clone(o);
    c.getMetadata().setResourceVersion(null);
    c.getMetadata().setUid(null);
    return c;
  }

  private static String field(Path file) throws IOException {
    return Files.readAllLines(file).get(0).substring("# field: ".length()).trim();
  }

  private static List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files.filter(p -> !p.getFileName().toString().startsWith("_")).sorted().toList();
    }
  }
}
