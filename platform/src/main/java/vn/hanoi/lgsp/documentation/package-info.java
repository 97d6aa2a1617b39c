/**
 * The platform's own API as OpenAPI documents and Postman collections, with their examples.
 */
@ApplicationModule(displayName = "API documentation", allowedDependencies = {"platform"})
package vn.hanoi.lgsp.documentation;

import org.springframework.modulith.ApplicationModule;
