/**
 * The national category lists — administrative units, agency codes, procedure codes — as
 * published and as the national category service changes them. What other modules still have
 * under way towards a unit they tell it through {@link vn.hanoi.lgsp.category.UnitUses}.
 * (It reads the national platform settings the workers also read.)
 */
@ApplicationModule(displayName = "National category lists", allowedDependencies = {"agency", "cluster", "contract", "http", "notice", "workercontract", "platform"})
package vn.hanoi.lgsp.category;

import org.springframework.modulith.ApplicationModule;
