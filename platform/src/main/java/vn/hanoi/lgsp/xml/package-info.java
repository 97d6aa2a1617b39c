/**
 * One hardened XML parser for everything the platform reads as XML.
 */
@ApplicationModule(displayName = "Safe XML", allowedDependencies = {})
package vn.hanoi.lgsp.xml;

import org.springframework.modulith.ApplicationModule;
