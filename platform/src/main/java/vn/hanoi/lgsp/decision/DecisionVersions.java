package vn.hanoi.lgsp.decision;

/**
 * Which version of a decision table production evaluates. A model binds its business rule
 * task to that version through its own module's steps bean, which asks this; the module that
 * releases models answers it.
 */
public interface DecisionVersions {

    int productionVersion(String decisionKey);
}
