package io.uptimepage.shares;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.uptimepage.shares.archfixture.ReachesIntoShares;
import io.uptimepage.shares.share.Share;
import io.uptimepage.shares.share.ShareRepository;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feature packages form a graph a reader can trust: no cycles between them, and each package's persistence
 * (its JPA entities and Panache repositories) is its own, reached by others only through its services. The rule has no
 * exceptions: the last reach-ins (the demo bootstrap, the public view's resolve and view-count flush) now go through
 * {@code ShareService} and {@code share.PublicShares} (issue 13).
 * Plain unit test: it reads the compiled main classes, no Quarkus app.
 */
class PackageGraphTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.uptimepage.shares");
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.uptimepage.shares.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void entitiesAndRepositoriesAreUsedOnlyInTheirOwnPackage() {
        persistence().should(beUsedOnlyFromTheirOwnPackage()).check(main);
    }

    @Test
    void theRuleCatchesAReachIn() {
        JavaClasses withReachIn = new ClassFileImporter()
                .importClasses(ReachesIntoShares.class, ShareRepository.class, Share.class);
        AssertionError failure = assertThrows(AssertionError.class,
                () -> persistence().should(beUsedOnlyFromTheirOwnPackage()).check(withReachIn));
        assertTrue(failure.getMessage().contains(ReachesIntoShares.class.getName()), failure.getMessage());
    }

    private static GivenClassesConjunction persistence() {
        return classes().that().areAnnotatedWith(Entity.class).or().areAssignableTo(PanacheRepositoryBase.class);
    }

    private static boolean crossesPackages(Dependency d, JavaClass owned) {
        return !d.getOriginClass().getPackageName().equals(owned.getPackageName());
    }

    private static ArchCondition<JavaClass> beUsedOnlyFromTheirOwnPackage() {
        return new ArchCondition<>("be used only from their own package (their services are the way in)") {
            @Override
            public void check(JavaClass owned, ConditionEvents events) {
                for (Dependency d : owned.getDirectDependenciesToSelf()) {
                    if (crossesPackages(d, owned)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
