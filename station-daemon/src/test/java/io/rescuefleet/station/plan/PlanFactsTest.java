package io.rescuefleet.station.plan;

import static io.rescuefleet.station.plan.Sticks.converged;
import static io.rescuefleet.station.plan.Sticks.desired;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.station.observe.FileCheck;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What a plan says besides its actions: convergence, unmanaged files, and what the manifest will record. */
class PlanFactsTest {
  private final Planner planner = new Planner(Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC));

  @Test
  void aConvergedStickIsConvergedEvenWhenItsVerificationIsRecorded() {
    DesiredDrive d = desired();
    assertThat(planner.plan(d, converged(d).build()).converged()).isTrue();
    Plan sampled = planner.plan(d, converged(d).sampled(2).build());
    assertThat(sampled.converged()).isTrue();
    assertThat(sampled.actionsOf(WriteManifest.class)).singleElement().satisfies(m -> {
      assertThat(m.bookkeeping()).isTrue();
      assertThat(m.verifyPass().filesChecked()).isEqualTo(2);
    });
  }

  @Test
  void namesUnmanagedFilesButNeverTheVentoyJson() {
    DesiredDrive d = desired();
    Plan plan = planner.plan(d, converged(d).foreign("notes.txt", 4).foreign("ventoy/theme/theme.txt", 9).build());
    assertThat(plan.unmanaged()).containsExactly("notes.txt", "ventoy/theme/theme.txt");
  }

  @Test
  void adoptedFilesAreRecordedWithTheirHashAndTheTimeOfTheCheck() {
    DesiredDrive d = desired();
    Plan plan = planner.plan(d, converged(d).unrecorded("iso/alpha.iso")
        .check("iso/alpha.iso", FileCheck.Status.MATCH, Sticks.sha("alpha")).build());
    WriteManifest m = plan.actionsOf(WriteManifest.class).get(0);
    assertThat(m.carried()).filteredOn(r -> r.path().equals("iso/alpha.iso")).singleElement().satisfies(r -> {
      assertThat(r.sha256()).isEqualTo(Sticks.sha("alpha"));
      assertThat(r.verifiedAt()).isEqualTo("2025-06-01T12:00:00Z");
    });
    assertThat(m.pending()).isEmpty();
    assertThat(m.claimsSpec()).isTrue();
  }

  @Test
  void aManifestWrittenWhileSomethingIsInTheWayDoesNotClaimTheSpec() {
    DesiredDrive d = desired();
    Plan plan = planner.plan(d, converged(d).unrecorded("iso/alpha.iso")
        .check("iso/alpha.iso", FileCheck.Status.MISMATCH, Sticks.sha("other")).manifestForOtherSpec().build());
    assertThat(plan.reachesSpec()).isFalse();
    assertThat(plan.actionsOf(WriteManifest.class)).allSatisfy(m -> assertThat(m.claimsSpec()).isFalse());
  }

  @Test
  void copiesAreListedAsPendingForTheManifestAndVerifiedBeforeIt() {
    DesiredDrive d = desired();
    Plan plan = planner.plan(d, converged(d).without("iso/beta.iso").build());
    assertThat(plan.actionsOf(WriteManifest.class).get(0).pending()).containsExactly("iso/beta.iso");
    int copy = plan.actions().indexOf(plan.actionsOf(CopyFile.class).get(0));
    int verify = plan.actions().indexOf(plan.actionsOf(VerifyFile.class).get(0));
    assertThat(verify).isGreaterThan(copy);
  }

  @Test
  void aRefusedPlanSaysWhichUnmanagedFilesUseTheSpace() {
    DesiredDrive d = desired();
    Plan plan = planner.plan(d, converged(d).without("iso/beta.iso").foreign("movies/big.mkv", 250 * Sticks.MIB)
        .free(30 * Sticks.MIB).build());
    assertThat(plan.refused()).isTrue();
    assertThat(plan.notes()).singleElement().satisfies(n ->
        assertThat(n.message()).contains("movies/big.mkv", "left alone", "iso/beta.iso does not fit"));
  }
}
