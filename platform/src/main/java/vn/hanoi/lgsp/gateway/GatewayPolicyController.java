package vn.hanoi.lgsp.gateway;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.ApiResponses;

/** DOST reads and changes how the gateway reaches and guards a service version. */
@RestController
@RequestMapping("/api/v1/services/{service}/versions/{version}/gateway-policy")
class GatewayPolicyController {

    record PolicyResponse(String code, String message, GatewayPolicies.PolicyView policy) {
    }

    private final GatewayPolicies policies;

    GatewayPolicyController(GatewayPolicies policies) {
        this.policies = policies;
    }

    @GetMapping
    @PreAuthorize("hasRole('dost-operator')")
    PolicyResponse get(@PathVariable String service, @PathVariable String version) {
        return new PolicyResponse(ApiResponses.SUCCESS, "Gateway policy of " + service + " " + version,
                policies.view(service, version));
    }

    @PutMapping
    @PreAuthorize("hasRole('dost-operator')")
    PolicyResponse put(@PathVariable String service, @PathVariable String version,
                       @RequestBody GatewayPolicies.PolicyInput input, Authentication caller) {
        return new PolicyResponse(ApiResponses.SUCCESS, "Gateway policy of " + service + " " + version + " saved",
                policies.save(service, version, input, caller.getName()));
    }
}
