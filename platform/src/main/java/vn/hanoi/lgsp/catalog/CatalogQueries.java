package vn.hanoi.lgsp.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.agency.AgencyQueries;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/** The catalog as its tables hold it: services with their versions, and the versions' documents. */
@Component
class CatalogQueries {

    private static final TypeReference<List<TechnicalDocument>> DOCUMENTS = new TypeReference<>() {
    };

    private static final String SELECT_SERVICE = """
            select s.code, s.name, s.description, s.provider_code, s.classification, s.status, s.created_at
            from lgsp.service s""";

    /** Versions without their documents' text: only whether there is one. */
    private static final String SELECT_VERSION = """
            select service_code, version, status, base_url, openapi is not null has_openapi, openapi_media_type,
                   postman_collection is not null has_postman, documents::text documents, quality_notes, created_at,
                   published_at, deprecated_at, sunset_at, retired_at, offered_to_ndxp
            from lgsp.service_version""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final AgencyQueries agencyNames;

    CatalogQueries(JdbcTemplate jdbc, ObjectMapper json, AgencyQueries agencyNames) {
        this.jdbc = jdbc;
        this.json = json;
        this.agencyNames = agencyNames;
    }

    Optional<SharedService> find(String code) {
        return load(" where s.code = ?", code).stream().findFirst();
    }

    /** The service, or a {@code NOT_FOUND} failure. */
    SharedService require(String code) {
        return find(code).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "Service " + code + " is not in the LGSP catalog"));
    }

    ServiceVersion requireVersion(String code, String version) {
        return require(code).version(version).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "Service " + code + " has no version " + version));
    }

    /** Serialises lifecycle changes of one service: two publications at once would both deprecate. */
    SharedService lock(String code) {
        if (jdbc.query("select code from lgsp.service where code = ? for update", (rs, n) -> rs.getString(1), code)
                .isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Service " + code + " is not in the LGSP catalog");
        }
        return require(code);
    }

    /**
     * Services whose code, name or description contain {@code text}, of one provider, whose
     * overall status is {@code status}; null criteria do not filter.
     */
    List<SharedService> search(String text, String provider, VersionStatus status) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            where.append(" and (s.code ilike ? or s.name ilike ? or s.description ilike ?)");
            String like = "%" + text.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            args.add(like);
            args.add(like);
            args.add(like);
        }
        if (provider != null && !provider.isBlank()) {
            where.append(" and s.provider_code = ?");
            args.add(provider.trim());
        }
        if (status != null) {
            where.append(" and s.status = ?");
            args.add(status.name());
        }
        return load(where.toString(), args.toArray());
    }

    /** The version's OpenAPI document, if the provider supplied one. */
    Optional<ServiceCatalog.OpenApiDocument> openApi(String code, String version) {
        requireVersion(code, version);
        return jdbc.query("""
                select openapi_media_type, openapi from lgsp.service_version
                where service_code = ? and version = ? and openapi is not null""",
                (rs, n) -> new ServiceCatalog.OpenApiDocument(rs.getString("openapi_media_type"), rs.getString("openapi")),
                code, version).stream().findFirst();
    }

    /** The version's Postman collection (JSON), if the provider supplied one. */
    Optional<String> postmanCollection(String code, String version) {
        requireVersion(code, version);
        return jdbc.query("""
                select postman_collection from lgsp.service_version
                where service_code = ? and version = ? and postman_collection is not null""",
                (rs, n) -> rs.getString(1), code, version).stream().findFirst();
    }

    private List<SharedService> load(String where, Object... args) {
        List<SharedService> found = jdbc.query(SELECT_SERVICE + where + " order by s.code", this::mapService, args);
        if (found.isEmpty()) {
            return found;
        }
        // a service is listed with its provider's name, and only while the registry knows the provider
        Map<String, String> providers = agencyNames.names(found.stream().map(SharedService::provider).distinct().toList());
        List<SharedService> services = found.stream().filter(s -> providers.containsKey(s.provider()))
                .map(s -> new SharedService(s.code(), s.name(), s.description(), s.provider(), providers.get(s.provider()),
                        s.classification(), s.status(), s.registeredAt(), s.versions())).toList();
        Map<String, List<ServiceVersion>> versions = new LinkedHashMap<>();
        String[] codes = services.stream().map(SharedService::code).toArray(String[]::new);
        jdbc.query(SELECT_VERSION + " where service_code = any(?) order by service_code, created_at, version",
                rs -> {
                    versions.computeIfAbsent(rs.getString("service_code"), c -> new ArrayList<>()).add(mapVersion(rs));
                }, (Object) codes);
        return services.stream().map(s -> new SharedService(s.code(), s.name(), s.description(), s.provider(),
                s.providerName(), s.classification(), s.status(), s.registeredAt(),
                List.copyOf(versions.getOrDefault(s.code(), List.of())))).toList();
    }

    private SharedService mapService(ResultSet rs, int row) throws SQLException {
        return new SharedService(rs.getString("code"), rs.getString("name"), rs.getString("description"),
                rs.getString("provider_code"), null,
                DataClassification.valueOf(rs.getString("classification")), VersionStatus.valueOf(rs.getString("status")),
                instant(rs, "created_at"), List.of());
    }

    private ServiceVersion mapVersion(ResultSet rs) throws SQLException {
        return new ServiceVersion(rs.getString("version"), VersionStatus.valueOf(rs.getString("status")),
                rs.getString("base_url"), rs.getBoolean("has_openapi"), rs.getString("openapi_media_type"),
                rs.getBoolean("has_postman"), read(rs.getString("documents")), rs.getString("quality_notes"),
                instant(rs, "created_at"), instant(rs, "published_at"), instant(rs, "deprecated_at"),
                instant(rs, "sunset_at"), instant(rs, "retired_at"), rs.getBoolean("offered_to_ndxp"));
    }

    private List<TechnicalDocument> read(String documents) {
        try {
            return List.copyOf(json.readValue(documents, DOCUMENTS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored technical documents are not valid JSON", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
