package org.relay247.gateway.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.relay247.gateway.architecture.fixture.delivery.SendsThroughExchange;
import org.relay247.gateway.architecture.fixture.exchange.AnswersDelivery;
import org.relay247.gateway.architecture.fixture.node.Wiring;
import org.relay247.gateway.architecture.fixture.store.ReachesUp;

/**
 * The packages of {@code gateway} keep the one-way order of docs/architecture.md, and the same
 * rules flag a package that reaches up or two that use each other (a fixture tree compiled with
 * the tests, named like the real packages).
 */
class PackageOrderTest {
  private static final String GATEWAY = "org.relay247.gateway";
  private static final String FIXTURE = "org.relay247.gateway.architecture.fixture";

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(GATEWAY);

  @Test
  void gatewayPackages_useOnlyLayersBelowTheirOwn() {
    PackageOrder.layers(GATEWAY, false).check(MAIN);
  }

  @Test
  void gatewayPackages_haveNoCycles() {
    PackageOrder.noCycles(GATEWAY).check(MAIN);
  }

  @Test
  void aStoreClassUsingTheWiring_isFlagged() {
    EvaluationResult result = PackageOrder.layers(FIXTURE, true)
        .evaluate(new ClassFileImporter().importClasses(ReachesUp.class, Wiring.class));

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails()).singleElement().asString()
        .contains(ReachesUp.class.getName()).contains(Wiring.class.getName());
  }

  @Test
  void theWiringUsingTheStore_isAllowed() {
    EvaluationResult result = PackageOrder.layers(FIXTURE, true)
        .evaluate(new ClassFileImporter().importClasses(Wiring.class, org.relay247.gateway.architecture.fixture
            .store.Row.class));

    assertThat(result.hasViolation()).isFalse();
  }

  @Test
  void twoPackagesOfOneLayerUsingEachOther_areACycle() {
    EvaluationResult result = PackageOrder.noCycles(FIXTURE)
        .evaluate(new ClassFileImporter().importClasses(SendsThroughExchange.class, AnswersDelivery.class));

    assertThat(result.hasViolation()).isTrue();
    assertThat(PackageOrder.layers(FIXTURE, true).evaluate(new ClassFileImporter()
        .importClasses(SendsThroughExchange.class, AnswersDelivery.class)).hasViolation()).isFalse();
  }
}
