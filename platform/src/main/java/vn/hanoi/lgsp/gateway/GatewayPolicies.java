package vn.hanoi.lgsp.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.catalog.SharedService;
import vn.hanoi.lgsp.contract.ApiError;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/** Stores the gateway policy of each version and checks what an analyst writes into it. */
@Component
public class GatewayPolicies {

    private static final Pattern XROAD = Pattern.compile("VN:GOV:[0-9A-Z.]{1,35}:[A-Za-z0-9._-]{1,64}");

    /** A policy as written in the API: every field optional. */
    public record PolicyInput(String upstream, String xroadService, String testBaseUrl, Boolean validateRequests,
                       List<String> allowedContentTypes, JsonNode responseTransform, String subjectLocator,
                       Integer quota) {
    }

    /** A policy as the API shows it. */
    public record PolicyView(String service, String version, String upstream, String xroadService, String testBaseUrl,
                      boolean validateRequests, List<String> allowedContentTypes, JsonNode responseTransform,
                      String subjectLocator, Integer quota) {
    }

    /** Published when a policy changes, so every cache of it on this node is cleared. */
    record PolicyChanged(String service, String version) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ServiceCatalog catalog;
    private final ApplicationEventPublisher events;
    private final vn.hanoi.lgsp.agency.EndpointPolicy endpoints;

    GatewayPolicies(JdbcTemplate jdbc, ObjectMapper json, ServiceCatalog catalog, ApplicationEventPublisher events,
                    vn.hanoi.lgsp.agency.EndpointPolicy endpoints) {
        this.endpoints = endpoints;
        this.jdbc = jdbc;
        this.json = json;
        this.catalog = catalog;
        this.events = events;
    }

    Optional<GatewayPolicy> find(String service, String version) {
        return jdbc.query("select * from lgsp.gateway_policy where service_code = ? and version = ?", this::map,
                service, version).stream().findFirst();
    }

    PolicyView view(String service, String version) {
        requireVersion(service, version);
        return toView(service, version, find(service, version).orElse(GatewayPolicy.DEFAULT));
    }

    @Transactional
    public PolicyView save(String service, String version, PolicyInput input, String actor) {
        SharedService s = requireVersion(service, version);
        List<ApiError.Detail> problems = new ArrayList<>();
        GatewayPolicy.Upstream upstream = GatewayPolicy.Upstream.DIRECT;
        if (input.upstream() != null) {
            try {
                upstream = GatewayPolicy.Upstream.valueOf(input.upstream().trim());
            } catch (IllegalArgumentException e) {
                problems.add(new ApiError.Detail("upstream", "must be DIRECT or NDXP"));
            }
        }
        String xroad = blank(input.xroadService()) ? null : input.xroadService().trim();
        if (upstream == GatewayPolicy.Upstream.NDXP && (xroad == null || !XROAD.matcher(xroad).matches())) {
            problems.add(new ApiError.Detail("xroadService",
                    "an NDXP upstream needs the national service's address VN:GOV:<agency code>:<subsystem>"));
        }
        if (upstream == GatewayPolicy.Upstream.DIRECT && xroad != null) {
            problems.add(new ApiError.Detail("xroadService", "is only for an NDXP upstream"));
        }
        String testUrl = blank(input.testBaseUrl()) ? null : input.testBaseUrl().trim();
        if (testUrl != null && !httpUrl(testUrl)) {
            problems.add(new ApiError.Detail("testBaseUrl", "must be an http(s) URL with a host"));
        } else if (testUrl != null) {
            try {
                endpoints.check("testBaseUrl", testUrl);
            } catch (ApiException e) {
                problems.addAll(e.details());
            }
        }
        boolean validate = Boolean.TRUE.equals(input.validateRequests());
        if (validate && s.version(version).map(v -> !v.hasOpenApi()).orElse(true)) {
            problems.add(new ApiError.Detail("validateRequests", "the version has no OpenAPI document to validate against"));
        }
        List<String> types = input.allowedContentTypes() == null ? List.of() : input.allowedContentTypes();
        for (String type : types) {
            try {
                MediaType.parseMediaType(type);
            } catch (InvalidMediaTypeException e) {
                problems.add(new ApiError.Detail("allowedContentTypes", "'" + type + "' is not a media type"));
            }
        }
        XmlToJson transform = null;
        try {
            transform = XmlToJson.parse(input.responseTransform());
        } catch (IllegalArgumentException e) {
            problems.add(new ApiError.Detail("responseTransform", e.getMessage()));
        }
        SubjectLocator subject = null;
        try {
            subject = SubjectLocator.parse(input.subjectLocator());
        } catch (IllegalArgumentException e) {
            problems.add(new ApiError.Detail("subjectLocator", e.getMessage()));
        }
        if (input.quota() != null && input.quota() < 1) {
            problems.add(new ApiError.Detail("quota", "must be a positive number of calls per window"));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The gateway policy of " + service + " " + version
                    + " is not valid: " + problems.stream().map(p -> p.field() + " " + p.reason()).toList(), problems);
        }
        jdbc.update("""
                insert into lgsp.gateway_policy (service_code, version, upstream, xroad_service, test_base_url,
                    validate_requests, allowed_content_types, response_transform, subject_locator, quota, updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                on conflict (service_code, version) do update set upstream = excluded.upstream,
                    xroad_service = excluded.xroad_service, test_base_url = excluded.test_base_url,
                    validate_requests = excluded.validate_requests, allowed_content_types = excluded.allowed_content_types,
                    response_transform = excluded.response_transform, subject_locator = excluded.subject_locator,
                    quota = excluded.quota, updated_by = excluded.updated_by, updated_at = now()""",
                service, version, upstream.name(), xroad, stripSlash(testUrl), validate,
                types.isEmpty() ? null : jdbc.execute((java.sql.Connection c) -> c.createArrayOf("text", types.toArray())),
                transform == null ? null : write(transform.toJson()), subject == null ? null : subject.toString(),
                input.quota(), actor);
        events.publishEvent(new PolicyChanged(service, version));
        return view(service, version);
    }

    private SharedService requireVersion(String service, String version) {
        SharedService s = catalog.require(service);
        if (s.version(version).isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Service " + service + " has no version " + version);
        }
        return s;
    }

    private PolicyView toView(String service, String version, GatewayPolicy p) {
        return new PolicyView(service, version, p.upstream().name(), p.xroadService(), p.testBaseUrl(),
                p.validateRequests(), p.allowedContentTypes(), p.transform() == null ? null : p.transform().toJson(),
                p.subject() == null ? null : p.subject().toString(), p.quota());
    }

    private GatewayPolicy map(ResultSet rs, int row) throws SQLException {
        Array types = rs.getArray("allowed_content_types");
        String transform = rs.getString("response_transform");
        return new GatewayPolicy(GatewayPolicy.Upstream.valueOf(rs.getString("upstream")), rs.getString("xroad_service"),
                rs.getString("test_base_url"), rs.getBoolean("validate_requests"),
                types == null ? List.of() : Arrays.asList((String[]) types.getArray()),
                transform == null ? null : XmlToJson.parse(read(transform)),
                SubjectLocator.parse(rs.getString("subject_locator")), (Integer) rs.getObject("quota"));
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored transform is not JSON", e);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean httpUrl(String text) {
        try {
            URI uri = URI.create(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String stripSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
