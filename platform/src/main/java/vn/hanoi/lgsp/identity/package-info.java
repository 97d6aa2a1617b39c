/**
 * Who is calling: Keycloak's tokens, agency clients and their revocation, Camunda's users and
 * groups.
 */
@ApplicationModule(displayName = "Identity and access", allowedDependencies = {"audit", "contract", "http", "ratelimit", "workercontract", "workers"})
package vn.hanoi.lgsp.identity;

import org.springframework.modulith.ApplicationModule;
