package vn.hanoi.lgsp.platform;

/**
 * What one process of the platform runs ({@code lgsp.roles}); one artifact, any set of roles.
 */
public enum Role {
    /** Camunda, the agency API, the web apps. */
    ENGINE,
    /** The external-task workers. */
    WORKERS,
    /** Simulated NDXP, VDXP, VNPost and agency systems: development, tests and soak only. */
    SIMULATORS
}
