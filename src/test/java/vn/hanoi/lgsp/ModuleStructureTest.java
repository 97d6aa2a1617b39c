package vn.hanoi.lgsp;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Packages by capability; none reaches into another's internals, and there are no cycles. */
class ModuleStructureTest {

    private final ApplicationModules modules = ApplicationModules.of(LgspApplication.class);

    @Test
    void modulesKeepTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesTheModuleMap() {
        new Documenter(modules).writeModulesAsPlantUml();
    }
}
