package vn.hanoi.lgsp.gateway;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.audit.SubjectHash;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.contract.AgencyCaller;
import vn.hanoi.lgsp.contract.ApiError;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * The first step of a gateway call: whether it may go to the provider at all. Who is calling,
 * the version's state, the environment, the grant, the personal-data rules, the body's type and
 * size, the quotas and the OpenAPI document are checked in that order; the first that fails
 * refuses the call with its own error.
 */
@Component
class Admission {

    /**
     * A call that may go on.
     *
     * @param body     the request body when it had to be read whole for validation; null when it streams
     * @param hasBody  whether the request has a body at all
     */
    record Admitted(Route route, AccessGrant.Environment environment, GatewayPath path, byte[] body, boolean hasBody) {
    }

    private final RouteTable routes;
    private final Quotas quotas;
    private final PersonalData personalData;
    private final GatewaySettings settings;

    Admission(RouteTable routes, Quotas quotas, SubjectHash subjects, GatewaySettings settings) {
        this.routes = routes;
        this.quotas = quotas;
        this.personalData = new PersonalData(subjects);
        this.settings = settings;
    }

    Admitted admit(HttpServletRequest request, HttpServletResponse response, AgencyCaller caller, GatewayCall call)
            throws IOException {
        GatewayPath path = GatewayPath.parse(request.getRequestURI(), call);
        AccessGrant.Environment environment = GatewayCaller.identify(caller, request, call);
        Route route = routes.route(path.service(), path.version()).filter(r -> r.status() != VersionStatus.DRAFT)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                        "The LGSP catalog has no callable version " + path.version() + " of service " + path.service()));
        call.provider = route.provider();
        call.pathTemplate = route.contract().template(path.segments());
        call.route = route.policy().upstream().name();
        GatewayCaller.checkReach(route, call);
        checkNotRetired(route, path, response);
        checkEnvironment(route, environment);
        RouteTable.Grant grant = routes.grant(call.consumer, path.service(), path.version(), environment)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_GRANTED, "Agency " + call.consumer + " holds no "
                        + environment + " grant for " + path.service() + " " + path.version()
                        + "; ask DOST for access (Form 02)"));
        personalData.check(route, request, path, call);
        if (call.subjectHash != null) {
            // the consumer learns that the person this call names will see it on the portal (Law 91/2025)
            response.setHeader(PersonalData.SUBJECT_VISIBLE_HEADER, "true");
        }
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        checkContentType(route, request.getContentType(), hasBody);
        if (request.getContentLengthLong() > settings.maxRequestSize().toBytes()) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than the gateway's limit of "
                    + settings.maxRequestSize());
        }
        takeQuota(route, path, environment, grant, response, call);
        return new Admitted(route, environment, path, validated(route, path, request, hasBody), hasBody);
    }

    private static void checkNotRetired(Route route, GatewayPath path, HttpServletResponse response) {
        if (route.status() != VersionStatus.RETIRED) {
            return;
        }
        if (route.successor() != null) {
            response.setHeader("Link", AnswerRelay.successorLink(route));
        }
        throw new ApiException(ErrorCode.RETIRED, "Version " + path.version() + " of " + path.service() + " was retired"
                + (route.successor() != null ? "; call version " + route.successor() + " instead" : " and has no successor"));
    }

    private static void checkEnvironment(Route route, AccessGrant.Environment environment) {
        VersionStatus status = route.status();
        if (environment == AccessGrant.Environment.TEST
                && status != VersionStatus.TEST && status != VersionStatus.PUBLISHED) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Version " + route.version() + " of " + route.service() + " is "
                    + status + ": TEST credentials reach only versions in TEST or PUBLISHED");
        }
        if (environment == AccessGrant.Environment.PRODUCTION
                && status != VersionStatus.PUBLISHED && status != VersionStatus.DEPRECATED) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Version " + route.version() + " of " + route.service() + " is "
                    + status + ": PRODUCTION credentials reach it once it is published; use your TEST credentials");
        }
    }

    private static void checkContentType(Route route, String contentType, boolean hasBody) {
        List<String> allowed = route.policy().allowedContentTypes();
        if (!hasBody || allowed.isEmpty()) {
            return;
        }
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (allowed.stream().noneMatch(a -> a.equalsIgnoreCase(type))) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, route.service() + " " + route.version()
                    + " accepts request bodies of " + allowed + ", not " + (type.isEmpty() ? "an undeclared type" : type));
        }
    }

    private void takeQuota(Route route, GatewayPath path, AccessGrant.Environment environment, RouteTable.Grant grant,
                           HttpServletResponse response, GatewayCall call) {
        Quotas.Decision quota = quotas.take(call.consumer, environment, route, grant);
        if (quota.allowed()) {
            return;
        }
        String target = path.service() + " " + path.version();
        response.setHeader("Retry-After", Long.toString(quota.retryAfterSeconds()));
        throw new ApiException(ErrorCode.RATE_LIMITED, quota.storeUnavailable()
                ? "The quotas of " + target + " cannot be checked at the moment; try again in "
                        + quota.retryAfterSeconds() + " s"
                : "The " + quota.exhausted() + " quota of " + target
                        + " is used up for this window; try again in " + quota.retryAfterSeconds() + " s");
    }

    /** The body, read whole, when the policy has calls checked against the OpenAPI document; null otherwise. */
    private byte[] validated(Route route, GatewayPath path, HttpServletRequest request, boolean hasBody)
            throws IOException {
        if (!route.policy().validateRequests() || !route.contract().canValidate()) {
            return null;
        }
        byte[] body = hasBody ? LimitedInputStream.readAtMost(request.getInputStream(), settings.maxRequestSize().toBytes())
                : new byte[0];
        List<ApiError.Detail> problems = route.contract().problems(request.getMethod(), path.contractPath(),
                request.getQueryString(), request.getContentType(), body);
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The call does not match the OpenAPI document of "
                    + path.service() + " " + path.version() + ": " + problems.get(0).field() + " — "
                    + problems.get(0).reason(), problems);
        }
        return body;
    }
}
