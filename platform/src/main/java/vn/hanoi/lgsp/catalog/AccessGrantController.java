package vn.hanoi.lgsp.catalog;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.hanoi.lgsp.contract.ApiError;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ApiResponses;
import vn.hanoi.lgsp.contract.ErrorCode;

/** Access grants of consumer agencies, kept by DOST operators. */
@RestController
@RequestMapping("/api/v1/grants")
class AccessGrantController {

    private final AccessGrants grants;

    AccessGrantController(AccessGrants grants) {
        this.grants = grants;
    }

    record GrantRequest(String consumer, String service, String version, String environment, Integer quota) {
    }

    record GrantResponse(String code, String message, AccessGrant grant) {
    }

    record GrantsResponse(String code, String message, List<AccessGrant> grants) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('dost-operator')")
    GrantResponse grant(@RequestBody GrantRequest request, Authentication caller) {
        List<ApiError.Detail> missing = new ArrayList<>();
        if (blank(request.consumer())) {
            missing.add(new ApiError.Detail("consumer", "is required"));
        }
        if (blank(request.service())) {
            missing.add(new ApiError.Detail("service", "is required"));
        }
        if (blank(request.version())) {
            missing.add(new ApiError.Detail("version", "is required"));
        }
        if (!missing.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The grant needs "
                    + missing.stream().map(ApiError.Detail::field).toList(), missing);
        }
        AccessGrant.Environment environment = ServiceInput.parse(AccessGrant.Environment.class, "environment",
                request.environment());
        AccessGrant grant = grants.grant(request.consumer(), request.service(), request.version(), environment,
                caller.getName(), request.quota());
        return new GrantResponse(ApiResponses.SUCCESS, grant.consumer() + " may call " + grant.service() + " "
                + grant.version() + " on " + grant.environment(), grant);
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('dost-operator')")
    GrantResponse revoke(@PathVariable long id, @RequestParam(required = false) String reason, Authentication caller) {
        AccessGrant grant = grants.revoke(id, caller.getName(), reason);
        return new GrantResponse(ApiResponses.SUCCESS, "Grant " + id + " revoked", grant);
    }

    @GetMapping
    @PreAuthorize("hasRole('dost-operator')")
    GrantsResponse list(@RequestParam String consumer) {
        List<AccessGrant> found = grants.list(consumer);
        return new GrantsResponse(ApiResponses.SUCCESS, found.size() + " grants of " + consumer, found);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
