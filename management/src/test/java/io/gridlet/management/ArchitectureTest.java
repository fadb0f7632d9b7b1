package io.gridlet.management;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of Gridlet's main code, checked on every build (contract: architecture.md):
 * <ul>
 * <li>{@code io.gridlet.api} (compute-api) depends on nothing of Gridlet;</li>
 * <li>{@code io.gridlet.node} is the public API; it reaches the engine under
 * {@code io.gridlet.node.internal} only from its two entry points, {@code GridNode} and
 * {@code GridletClient}, and none of its public signatures names an internal type;</li>
 * <li>the engine's areas ({@code internal.invoke}, {@code internal.deploy}, ...) form no cycle,
 * and none reaches the composition root, which sits directly in {@code internal};</li>
 * <li>the management layer, the test kit and the samples use only the public API.</li>
 * </ul>
 */
class ArchitectureTest {

    private static final String API = "io.gridlet.node";
    private static final String INTERNAL = "io.gridlet.node.internal..";

    private static JavaClasses main;

    @BeforeAll
    static void importMainCode() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.gridlet");
    }

    @Test
    void theComputeApiDependsOnNothingOfGridlet() {
        noClasses().that().resideInAPackage("io.gridlet.api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.gridlet.node..", "io.gridlet.management..",
                        "io.gridlet.testkit..")
                .check(main);
    }

    @Test
    void managementTheTestKitAndTheSamplesUseOnlyThePublicApi() {
        noClasses().that().resideInAnyPackage("io.gridlet.management..", "io.gridlet.testkit..",
                        "io.gridlet.samples..")
                .should().dependOnClassesThat().resideInAPackage(INTERNAL)
                .because("internal packages promise nothing; what management needs belongs in the public API")
                .check(main);
    }

    @Test
    void thePublicApiReachesTheEngineOnlyFromItsEntryPoints() {
        noClasses().that().resideInAPackage(API)
                .and().doNotHaveSimpleName("GridNode").and().doNotHaveSimpleName("GridletClient")
                .and(notNestedIn("GridNode", "GridletClient"))
                .should().dependOnClassesThat().resideInAPackage(INTERNAL)
                .check(main);
    }

    @Test
    void noPublicSignatureOfTheApiNamesAnInternalType() {
        ArchRule rule = classes().that().resideInAPackage(API).and().arePublic()
                .should(exposeNoInternalType());
        rule.check(main);
    }

    @Test
    void theEnginesAreasFormNoCycle() {
        slices().matching("io.gridlet.node.internal.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void theEnginesPackagesFormNoCycle() {
        slices().matching("io.gridlet.node.internal.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void noAreaReachesTheCompositionRoot() {
        noClasses().that().resideInAPackage("io.gridlet.node.internal.*..")
                .should().dependOnClassesThat().resideInAPackage("io.gridlet.node.internal")
                .check(main);
    }

    private static DescribedPredicate<JavaClass> notNestedIn(String... owners) {
        return new DescribedPredicate<>("are not nested in " + String.join(" or ", owners)) {
            @Override
            public boolean test(JavaClass type) {
                for (String owner : owners) {
                    if (type.getName().startsWith(API + "." + owner + "$")) {
                        return false;
                    }
                }
                return true;
            }
        };
    }

    private static ArchCondition<JavaClass> exposeNoInternalType() {
        return new ArchCondition<>("expose no type of " + INTERNAL + " in a public signature") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<JavaMember> members = new ArrayList<>();
                members.addAll(type.getMethods());
                members.addAll(type.getConstructors());
                members.addAll(type.getFields());
                for (JavaMember member : members) {
                    if (!member.getModifiers().contains(JavaModifier.PUBLIC)) {
                        continue;
                    }
                    List<JavaClass> named = new ArrayList<>(member.getAllInvolvedRawTypes());
                    for (JavaClass involved : named) {
                        if (involved.getPackageName().startsWith("io.gridlet.node.internal")) {
                            events.add(SimpleConditionEvent.violated(member, member.getFullName()
                                    + " names " + involved.getName()));
                        }
                    }
                }
            }
        };
    }
}
