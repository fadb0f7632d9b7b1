package io.gridlet.node.internal.invoke;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The invocation path's three sides depend on each other one way only: the caller and the member
 * both speak the wire, the wire knows neither (its carriers reach the member through
 * {@code CallHandler}), and neither side reaches into the other.
 */
class InvokeLayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.gridlet.node.internal.invoke");
    }

    @Test
    void theWireKnowsNeitherSide() {
        noClasses().that().resideInAPackage("..invoke.wire..")
                .should().dependOnClassesThat().resideInAnyPackage("..invoke.caller..", "..invoke.member..")
                .check(classes);
    }

    @Test
    void theCallerDoesNotReachIntoTheMember() {
        noClasses().that().resideInAPackage("..invoke.caller..")
                .should().dependOnClassesThat().resideInAPackage("..invoke.member..")
                .check(classes);
    }

    @Test
    void theMemberDoesNotReachIntoTheCaller() {
        noClasses().that().resideInAPackage("..invoke.member..")
                .should().dependOnClassesThat().resideInAPackage("..invoke.caller..")
                .check(classes);
    }

    @Test
    void theSidesHaveNoCycles() {
        slices().matching("io.gridlet.node.internal.invoke.(*)..").should().beFreeOfCycles().check(classes);
    }
}
