package vn.hanoi.lgsp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import vn.hanoi.lgsp.platform.KeycloakRealm;
import vn.hanoi.lgsp.platform.PlatformSettings;
import vn.hanoi.lgsp.platform.Role;
import vn.hanoi.lgsp.workercontract.NationalCategoryService;
import vn.hanoi.lgsp.workercontract.NdxpRecords;
import vn.hanoi.lgsp.workercontract.PostalProcess;

/** Packages by capability; none reaches into another's internals, and there are no cycles. */
class ModuleStructureTest {

    /** The platform's modules; the development tooling beside it is no part of an installation. */
    private final ApplicationModules modules = ApplicationModules.of(LgspApplication.class,
            JavaClass.Predicates.resideInAnyPackage("vn.hanoi.lgsp.devservices..", "vn.hanoi.lgsp.simulators.."));
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("vn.hanoi.lgsp");

    @Test
    void modulesKeepTheirBoundaries() {
        modules.verify();
    }

    /**
     * R-05 (Đ7.5): the workers run as a process of their own, so they know the platform only
     * through the shared contract (topic, variable and error names, the worker API's records)
     * and the shared outbound HTTP pieces (tokens, bounded answers) — nothing of its internals.
     */
    @Test
    void theWorkersDependOnlyOnTheSharedContract() {
        classes().that().resideInAPackage("vn.hanoi.lgsp.workers..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "vn.hanoi.lgsp.workers..", "vn.hanoi.lgsp.workercontract..", "vn.hanoi.lgsp.http..",
                        // the settings every process reads alike (roles, Keycloak's realm), validated at start
                        "vn.hanoi.lgsp.platform..", "jakarta.validation.constraints..",
                        "org.hibernate.validator.constraints..", "org.springframework.validation.annotation..",
                        "java..",
                        "org.camunda.bpm.client..",
                        "org.springframework.boot..", "org.springframework.context..", "org.springframework.beans..",
                        "com.fasterxml.jackson..",
                        "org.slf4j..")
                .because("a workers process has no engine, no database and none of the platform's beans: it calls "
                        + "the engine's external-task API and the national platforms over HTTP")
                .check(CLASSES);
    }

    /**
     * R-01, R-08: the simulators stand where NDXP, VDXP and the agencies' systems stand in
     * production, so they know the platform only as those do — its public API and Keycloak —
     * and no class of it; the platform reaches them only at the addresses its settings name.
     * The wire contracts with NDXP are the exception — the postal contexts and VNPost's paths, the
     * records NDXP carries into Hanoi, the national category service's change sets: names and
     * shapes that are the same on both sides, and nothing else of the platform. So are the
     * settings every process of the platform reads the same way: its roles and where Keycloak is.
     */
    @Test
    void theSimulatorsAreOnlyPeers() {
        noClasses().that().resideInAPackage("vn.hanoi.lgsp.simulators..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("vn.hanoi.lgsp..", "org.camunda..",
                        "org.springframework.jdbc..", "javax.sql..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("vn.hanoi.lgsp.simulators..")))
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(PostalProcess.class,
                                NdxpRecords.class, NationalCategoryService.class, StandaloneRole.class,
                                PlatformSettings.class, Role.class, KeycloakRealm.class))))
                .because("a real national platform or agency system has none of the LGSP's classes, tables or beans")
                .check(CLASSES);
        // the launcher finds the simulators' role by name (StandaloneRole), never by class
        noClasses().that().resideOutsideOfPackage("vn.hanoi.lgsp.simulators..")
                .should().dependOnClassesThat().resideInAPackage("vn.hanoi.lgsp.simulators..")
                .because("the platform must run the same with real peers in their place")
                .check(CLASSES);
    }

    /** The contract is shared by both sides, so it depends on neither. */
    @Test
    void theSharedContractDependsOnNoModule() {
        classes().that().resideInAPackage("vn.hanoi.lgsp.workercontract..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("vn.hanoi.lgsp.workercontract..", "java..")
                .check(CLASSES);
        classes().that().resideInAPackage("vn.hanoi.lgsp.http..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("vn.hanoi.lgsp.http..", "java..",
                        "javax.net.ssl..", "org.springframework..", "org.slf4j..")
                .check(CLASSES);
    }

    /**
     * The module map in {@code docs/modules}, checked in: one diagram of all modules, one of each
     * module with its neighbours, and a canvas of each. The writer's element order varies from run
     * to run, so the diagrams' declarations are sorted and an unchanged map leaves the files as
     * they are.
     */
    @Test
    void writesTheModuleMap() throws IOException {
        Path folder = Path.of("docs/modules");
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(folder.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path diagram : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                Files.writeString(diagram, inStableOrder(Files.readString(diagram)));
            }
        }
    }

    /** Runs of lines declaring the same kind of thing ({@code Component(}, {@code Rel(}) sorted. */
    private static String inStableOrder(String diagram) {
        List<String> lines = new ArrayList<>(List.of(diagram.split("\n", -1)));
        int start = 0;
        while (start < lines.size()) {
            String kind = kind(lines.get(start));
            int end = start + 1;
            while (kind != null && end < lines.size() && kind.equals(kind(lines.get(end)))) {
                end++;
            }
            Collections.sort(lines.subList(start, end));
            start = end;
        }
        return String.join("\n", lines);
    }

    private static String kind(String line) {
        int paren = line.indexOf('(');
        return paren > 0 && line.strip().matches("[A-Za-z_]+\\(.*") ? line.substring(0, paren) : null;
    }
}
