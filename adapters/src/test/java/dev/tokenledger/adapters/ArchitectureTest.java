package dev.tokenledger.adapters;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps ARCHITECTURE.md true: capabilities without package cycles, a domain of plain Java and Axon annotations,
 * modules that depend one way (chart <- domain <- projections <- audit-exports <- adapters), and every event that
 * an aggregate or a projection reads carrying a {@code @Revision}.
 */
class ArchitectureTest {

    static final String[] DOMAIN = {"dev.tokenledger.chart..", "dev.tokenledger.kernel..", "dev.tokenledger.money..",
            "dev.tokenledger.rejection..", "dev.tokenledger.journal..", "dev.tokenledger.periods..",
            "dev.tokenledger.credits..", "dev.tokenledger.usage..", "dev.tokenledger.costs..", "dev.tokenledger.contracts..", "dev.tokenledger.licensing..", "dev.tokenledger.incentives..", "dev.tokenledger.operations.."};

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tokenledger");
    }

    @Test
    void capabilitiesHaveNoPackageCycles() {
        slices().matching("dev.tokenledger.(*)..").should().beFreeOfCycles().check(classes);
        slices().matching("dev.tokenledger.projections.(*)..").should().beFreeOfCycles().check(classes);
        slices().matching("dev.tokenledger.exports.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
        slices().matching("dev.tokenledger.adapters.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theDomainIsPlainJavaAndAxonAnnotations() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.jooq..", "java.sql..",
                        "javax.sql..", "com.fasterxml.jackson..", "jakarta..", "dev.tokenledger.projections..",
                        "dev.tokenledger.exports..", "dev.tokenledger.adapters..")
                .check(classes);
    }

    @Test
    void modulesDependOneWay() {
        noClasses().that().resideInAPackage("dev.tokenledger.chart..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tokenledger.kernel..", "dev.tokenledger.journal..",
                        "dev.tokenledger.credits..", "dev.tokenledger.usage..", "org.axonframework..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.tokenledger.projections..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tokenledger.exports..", "dev.tokenledger.adapters..",
                        "org.springframework..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.tokenledger.exports..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tokenledger.adapters..", "org.springframework..")
                .check(classes);
    }

    @Test
    void eventsThatAggregatesAndProjectionsReadCarryARevision() {
        ArchCondition<JavaMethod> revisionedFirstParameter = new ArchCondition<>("take a @Revision event first") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                JavaClass event = method.getRawParameterTypes().getFirst();
                boolean isRecord = event.reflect().isRecord();
                if (isRecord && !event.isAnnotatedWith(Revision.class)) {
                    events.add(SimpleConditionEvent.violated(method, event.getName() + " (read by " + method.getFullName()
                            + ") has no @Revision"));
                }
            }
        };
        methods().that().areAnnotatedWith(EventSourcingHandler.class).should(revisionedFirstParameter).check(classes);
        methods().that().areAnnotatedWith(EventHandler.class).and(DescribedPredicate.describe("in the ledger's code",
                m -> m.getOwner().getPackageName().startsWith("dev.tokenledger"))).should(revisionedFirstParameter).check(classes);
    }
}
