/**
 * How the engine evaluates the DMN tables analysts own (routes, reviewers, severities): FEEL,
 * with each expression parsed once.
 */
@ApplicationModule(displayName = "Decision tables", allowedDependencies = {})
package vn.hanoi.lgsp.decision;

import org.springframework.modulith.ApplicationModule;
