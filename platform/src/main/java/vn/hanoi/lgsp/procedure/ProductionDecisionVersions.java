package vn.hanoi.lgsp.procedure;

import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.decision.DecisionVersions;

/** The versions production evaluates, as the model releases DOST approves set them. */
@Component
class ProductionDecisionVersions implements DecisionVersions {

    private final ModelReleases releases;

    ProductionDecisionVersions(ModelReleases releases) {
        this.releases = releases;
    }

    @Override
    public int productionVersion(String decisionKey) {
        return releases.productionVersion(decisionKey);
    }
}
