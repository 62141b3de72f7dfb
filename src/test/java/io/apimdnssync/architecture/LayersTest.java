package io.apimdnssync.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Packages follow the data flow and imports point down the list, never back up; the sandbox (dev and test only) is
 * imported by nothing else.
 */
class LayersTest {
    static final String ROOT = "io.apimdnssync.";
    /** From the bottom (imported by all) to the top (imports all). */
    static final List<String> LAYERS = List.of("arm", "config", "azure", "source", "desired", "plan", "provider",
            "reconcile", "events", "drift", "api", "sandbox");

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.apimdnssync");

    static List<String> layers() {
        return LAYERS.subList(0, LAYERS.size() - 1);
    }

    @ParameterizedTest(name = "{0} imports nothing above it")
    @MethodSource("layers")
    void importsPointDown(String layer) {
        String[] above = LAYERS.subList(LAYERS.indexOf(layer) + 1, LAYERS.size()).stream()
                .map(p -> ROOT + p + "..").toArray(String[]::new);
        noClasses().that().resideInAPackage(ROOT + layer + "..").should().dependOnClassesThat()
                .resideInAnyPackage(above).check(MAIN);
    }

    @Test
    void everyPackageIsInTheList() {
        noClasses().should().resideOutsideOfPackages(LAYERS.stream().map(p -> ROOT + p + "..").toArray(String[]::new))
                .check(MAIN);
    }

    @Test
    void nothingOutsideTheSandboxImportsIt() {
        noClasses().that().resideOutsideOfPackage(ROOT + "sandbox..").should().dependOnClassesThat()
                .resideInAPackage(ROOT + "sandbox..").check(MAIN);
    }
}
