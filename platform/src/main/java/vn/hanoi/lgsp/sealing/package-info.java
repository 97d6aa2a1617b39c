/**
 * Envelope encryption of the personal data the platform keeps only for a while, under the
 * master key configured as {@code lgsp.exchange.master-key-file}.
 */
@ApplicationModule(displayName = "Sealed content", allowedDependencies = {})
package vn.hanoi.lgsp.sealing;

import org.springframework.modulith.ApplicationModule;
