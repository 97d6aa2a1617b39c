/**
 * The connected systems' status checks, maintenance windows and incidents with their escalation
 * answers others through {@link vn.hanoi.lgsp.connection.ConnectionFigures}.
 */
@ApplicationModule(displayName = "Connection monitoring", allowedDependencies = {"agency", "catalog", "cluster", "contract", "decision", "exchange", "http", "identity", "monitoring", "notice", "notification", "onboarding"})
package vn.hanoi.lgsp.connection;

import org.springframework.modulith.ApplicationModule;
