/**
 * What every process of the platform reads the same way before it is anything else: which roles
 * it runs ({@code lgsp.roles}), where it listens and is seen, and where the Keycloak realm is.
 * It depends on no module, so that the workers and the simulators, which know nothing of the
 * platform's internals, read these settings through the same records as the engine.
 */
package vn.hanoi.lgsp.platform;
