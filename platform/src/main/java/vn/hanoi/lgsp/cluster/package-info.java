/**
 * Jobs that exactly one node of the cluster runs at a time, claimed in PostgreSQL.
 */
@ApplicationModule(displayName = "Cluster jobs", allowedDependencies = {})
package vn.hanoi.lgsp.cluster;

import org.springframework.modulith.ApplicationModule;
