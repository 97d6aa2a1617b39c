package vn.hanoi.lgsp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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

    private final ApplicationModules modules = ApplicationModules.of(LgspApplication.class);
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("vn.hanoi.lgsp");

    @Test
    void modulesKeepTheirBoundaries() {
        modules.verify();
    }

    /**
     * Issue 10: the workers run as a process of their own, so they know the platform only
     * through the shared contract (topic, variable and error names, the worker API's records)
     * and the shared outbound HTTP pieces (tokens, bounded answers) — nothing of its internals.
     */
    @Test
    void theWorkersDependOnlyOnTheSharedContract() {
        noClasses().that().resideInAPackage("vn.hanoi.lgsp.workers..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "vn.hanoi.lgsp.agency..", "vn.hanoi.lgsp.audit..", "vn.hanoi.lgsp.calendar..",
                        "vn.hanoi.lgsp.catalog..", "vn.hanoi.lgsp.category..", "vn.hanoi.lgsp.cluster..",
                        "vn.hanoi.lgsp.connection..", "vn.hanoi.lgsp.contract..", "vn.hanoi.lgsp.devservices..",
                        "vn.hanoi.lgsp.exchange..", "vn.hanoi.lgsp.gateway..", "vn.hanoi.lgsp.identity..", "vn.hanoi.lgsp.lifecycle..",
                        "vn.hanoi.lgsp.notice..", "vn.hanoi.lgsp.notification..",
                        "vn.hanoi.lgsp.monitoring..", "vn.hanoi.lgsp.onboarding..", "vn.hanoi.lgsp.simulators..",
                        "vn.hanoi.lgsp.supervision..", "vn.hanoi.lgsp.reconciliation..", "vn.hanoi.lgsp.reports..",
                        "vn.hanoi.lgsp.status..", "vn.hanoi.lgsp.xml..", "vn.hanoi.lgsp.ratelimit..", "vn.hanoi.lgsp.decision..", "org.camunda.bpm.engine..",
                        "org.springframework.jdbc..", "javax.sql..")
                .because("a workers process has no engine, no database and none of the platform's beans")
                .check(CLASSES);
    }

    /**
     * Issue 10: the simulators stand where NDXP, VDXP and the agencies' systems stand in
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
                                NdxpRecords.class, NationalCategoryService.class, PlatformSettings.class, Role.class,
                                KeycloakRealm.class))))
                .because("a real national platform or agency system has none of the LGSP's classes, tables or beans")
                .check(CLASSES);
        // the launcher alone names the simulators' own entry point, to start that role by itself
        noClasses().that().resideOutsideOfPackage("vn.hanoi.lgsp.simulators..")
                .and().doNotHaveFullyQualifiedName(LgspApplication.class.getName())
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

    @Test
    void writesTheModuleMap() {
        new Documenter(modules).writeModulesAsPlantUml();
    }
}
