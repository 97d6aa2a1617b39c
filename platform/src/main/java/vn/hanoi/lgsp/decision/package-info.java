/**
 * How the engine evaluates the DMN tables analysts own (routes, reviewers, severities): FEEL,
 * with each expression parsed once.
 */
package vn.hanoi.lgsp.decision;
