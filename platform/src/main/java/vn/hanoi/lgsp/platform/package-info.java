/**
 * What every process of the platform reads the same way before it is anything else: which roles
 * it runs ({@code lgsp.roles}), where it listens and is seen, where the Keycloak realm is, and
 * where the database migrations are. It depends on no module, so that the workers and the
 * simulators, which know nothing of the platform's internals, read these settings through the
 * same records as the engine.
 */
@ApplicationModule(displayName = "Platform settings", allowedDependencies = {})
package vn.hanoi.lgsp.platform;

import org.springframework.modulith.ApplicationModule;
