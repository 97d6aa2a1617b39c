package vn.hanoi.lgsp.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.hanoi.lgsp.agency.AgencyQueries;
import vn.hanoi.lgsp.agency.AgencyRegistry;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;
import vn.hanoi.lgsp.monitoring.TransactionLog;

/**
 * The catalog of data-sharing services and their lifecycle from registration to
 * retirement. Every change leaves a milestone for monitoring in the same
 * transaction.
 */
@Service
public class ServiceCatalog {

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
    private final AgencyRegistry agencies;
    private final TransactionLog transactions;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final ServiceInput input;

    private final vn.hanoi.lgsp.agency.EndpointPolicy endpoints;
    private final vn.hanoi.lgsp.audit.AuditJournal journal;
    private final AgencyQueries agencyNames;

    ServiceCatalog(JdbcTemplate jdbc, AgencyRegistry agencies, TransactionLog transactions,
                   ApplicationEventPublisher events, ObjectMapper json, vn.hanoi.lgsp.agency.EndpointPolicy endpoints,
                   vn.hanoi.lgsp.audit.AuditJournal journal, AgencyQueries agencyNames) {
        this.agencyNames = agencyNames;
        this.endpoints = endpoints;
        this.journal = journal;
        this.jdbc = jdbc;
        this.agencies = agencies;
        this.transactions = transactions;
        this.events = events;
        this.json = json;
        this.input = new ServiceInput(json);
    }

    /** What a DOST operator registers: the service with its first version (v1 unless named). */
    public record NewService(String code, String name, String description, String provider,
                             DataClassification classification, String version, String baseUrl, String openApi,
                             String postmanCollection, List<TechnicalDocument> documents, String qualityNotes) {

        public NewVersion firstVersion() {
            return new NewVersion(version == null ? "v1" : version, baseUrl, openApi, postmanCollection, documents,
                    qualityNotes);
        }
    }

    /** A further version of a registered service; it starts as DRAFT. */
    public record NewVersion(String version, String baseUrl, String openApi, String postmanCollection,
                             List<TechnicalDocument> documents, String qualityNotes) {
    }

    /** An OpenAPI document as the provider wrote it: {@code application/json} or {@code application/yaml}. */
    public record OpenApiDocument(String mediaType, String content) {
    }

    public Optional<SharedService> find(String code) {
        return load(" where s.code = ?", code).stream().findFirst();
    }

    /** The service, or a {@code NOT_FOUND} failure. */
    public SharedService require(String code) {
        return find(code).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "Service " + code + " is not in the LGSP catalog"));
    }

    /**
     * Services whose code, name or description contain {@code text}, of one provider, whose
     * overall status is {@code status}; null criteria do not filter.
     */
    public List<SharedService> search(String text, String provider, VersionStatus status) {
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

    /** Registers a service of an active provider with its first version, in DRAFT. */
    @Transactional
    public SharedService register(NewService request, String registeredBy) {
        input.checkService(request);
        agencies.requireActive(request.provider());
        int inserted = jdbc.update("""
                insert into lgsp.service (code, name, description, provider_code, classification, status, registered_by)
                values (?, ?, ?, ?, ?, 'DRAFT', ?)
                on conflict (code) do nothing""",
                request.code(), request.name().trim(), request.description(), request.provider(),
                request.classification().name(), registeredBy);
        if (inserted == 0) {
            throw new ApiException(ErrorCode.DUPLICATE, "Service " + request.code() + " is already in the catalog");
        }
        NewVersion first = request.firstVersion();
        insertVersion(request.code(), first, registeredBy);
        transactions.record(Milestones.of("service-registered", request.provider(), null, request.code(),
                first.version(), transactions.environment()));
        return require(request.code());
    }

    /** Adds a version, in DRAFT, to a service of a still active provider. */
    @Transactional
    public SharedService addVersion(String code, NewVersion request, String actor) {
        SharedService service = lock(code);
        input.checkVersion(request);
        agencies.requireActive(service.provider());
        if (service.version(request.version()).isPresent()) {
            throw new ApiException(ErrorCode.DUPLICATE, "Service " + code + " already has version " + request.version());
        }
        insertVersion(code, request, actor);
        refreshStatus(code);
        transactions.record(Milestones.of("version-added", service.provider(), null, code, request.version(),
                transactions.environment()));
        return require(code);
    }

    /**
     * Moves a version one stage along DRAFT → TEST → PUBLISHED → DEPRECATED → RETIRED.
     * Publishing deprecates the version published before, with a sunset 180 days later
     * deprecating without a successor gives 60 days' notice; retiring is
     * refused before the sunset and revokes every grant of the version.
     */
    @Transactional
    public SharedService moveVersion(String code, String version, VersionStatus target, String actor) {
        return move(code, version, target, null, null, actor);
    }

    /**
     * Publishes a version; the version it replaces is deprecated with a sunset 180 days away, or
     * at {@code sunsetAtLeast} when the provider chose a later one.
     */
    @Transactional
    public SharedService publish(String code, String version, Instant sunsetAtLeast, String actor) {
        return move(code, version, VersionStatus.PUBLISHED, sunsetAtLeast, null, actor);
    }

    /**
     * Deprecates the published version with its end on {@code sunsetAt}, at least 60 calendar
     * days after its consumers were told ({@code noticeGivenAt}; now when null).
     */
    @Transactional
    public SharedService deprecate(String code, String version, Instant sunsetAt, Instant noticeGivenAt, String actor) {
        return move(code, version, VersionStatus.DEPRECATED, sunsetAt, noticeGivenAt, actor);
    }

    /** Ends a version that was never published (DRAFT or TEST): a refused upgrade, a retired service. */
    @Transactional
    public SharedService withdraw(String code, String version, String actor) {
        SharedService service = lock(code);
        Instant now = lifecycleNow();
        apply(service, Lifecycle.withdrawal(service, version), now, actor);
        refreshStatus(code);
        return require(code);
    }

    private SharedService move(String code, String version, VersionStatus target, Instant sunset, Instant noticeGivenAt,
                               String actor) {
        SharedService service = lock(code);
        Instant now = lifecycleNow();
        for (Lifecycle.Change change : Lifecycle.plan(service, version, target, now, sunset, noticeGivenAt)) {
            apply(service, change, now, actor);
        }
        refreshStatus(code);
        return require(code);
    }

    /**
     * The clock of lifecycle decisions: the process engine's, which is the wall clock in
     * production, so that the lifecycle processes' timers and the catalog's checks of a sunset
     * agree when a test moves the engine's time.
     */
    private static Instant lifecycleNow() {
        return org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Points a version at the provider's new endpoint (the provider moved its system); the
     * gateway follows within its cache time.
     */
    @Transactional
    public SharedService changeBaseUrl(String code, String version, String baseUrl, String actor) {
        SharedService service = lock(code);
        requireVersion(code, version);
        input.checkVersion(new NewVersion(version, baseUrl, null, null, null, null));
        endpoints.check("baseUrl", baseUrl);
        String before = jdbc.queryForObject("select base_url from lgsp.service_version where service_code = ? and version = ?",
                String.class, code, version);
        jdbc.update("update lgsp.service_version set base_url = ? where service_code = ? and version = ?",
                baseUrl.trim(), code, version);
        // where consumers' calls go is configuration with reach: the journal keeps the old and new address
        journal.append(new vn.hanoi.lgsp.audit.AuditEntry(java.time.Instant.now(),
                vn.hanoi.lgsp.audit.AuditEntry.ActorKind.STAFF, actor, null, "catalog.version.relocated",
                code + "/" + version, "00", null, java.util.Map.of("old", before == null ? "" : before,
                        "new", baseUrl.trim())));
        transactions.record(Milestones.of("version-relocated", service.provider(), null, code, version,
                transactions.environment()));
        events.publishEvent(new VersionRelocated(code, version, baseUrl.trim(), actor));
        return require(code);
    }

    /**
     * Offers a version to ministries and other provinces through NDXP, or withdraws the offer
     * (Đ6.1.4.c). Only the city's own services are offered: the national ones are NDXP's to begin
     * with. A retired version cannot be offered; withdrawing an offer is always possible. The
     * gateway follows at once on this node and within its cache time on the others.
     */
    @Transactional
    public SharedService offerToNdxp(String code, String version, boolean offered, String actor) {
        SharedService service = lock(code);
        ServiceVersion current = requireVersion(code, version);
        if (offered && !vn.hanoi.lgsp.agency.AgencyCode.parse(service.provider()).isHanoi()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Service " + code + " is provided by "
                    + service.provider() + ", not by a Hanoi agency: only the city's own services are offered to NDXP");
        }
        if (offered && current.status() == VersionStatus.RETIRED) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Version " + version + " of " + code
                    + " is retired and cannot be offered to NDXP");
        }
        if (current.offeredToNdxp() == offered) {
            return service;
        }
        jdbc.update("update lgsp.service_version set offered_to_ndxp = ? where service_code = ? and version = ?",
                offered, code, version);
        // who opened a service to callers outside the city is configuration with reach, like a new address
        journal.append(new vn.hanoi.lgsp.audit.AuditEntry(Instant.now(), vn.hanoi.lgsp.audit.AuditEntry.ActorKind.STAFF,
                actor, null, offered ? "catalog.version.ndxp-offered" : "catalog.version.ndxp-withdrawn",
                code + "/" + version, "00", null, Map.of("offeredToNdxp", offered)));
        transactions.record(Milestones.of(offered ? "version-offered-to-ndxp" : "version-withdrawn-from-ndxp",
                service.provider(), null, code, version, transactions.environment()));
        events.publishEvent(new NdxpOfferChanged(code, version, offered, actor));
        return require(code);
    }

    /** The version's OpenAPI document, if the provider supplied one. */
    public Optional<OpenApiDocument> openApi(String code, String version) {
        requireVersion(code, version);
        return jdbc.query("""
                select openapi_media_type, openapi from lgsp.service_version
                where service_code = ? and version = ? and openapi is not null""",
                (rs, n) -> new OpenApiDocument(rs.getString("openapi_media_type"), rs.getString("openapi")),
                code, version).stream().findFirst();
    }

    /** The version's Postman collection (JSON), if the provider supplied one. */
    public Optional<String> postmanCollection(String code, String version) {
        requireVersion(code, version);
        return jdbc.query("""
                select postman_collection from lgsp.service_version
                where service_code = ? and version = ? and postman_collection is not null""",
                (rs, n) -> rs.getString(1), code, version).stream().findFirst();
    }

    private ServiceVersion requireVersion(String code, String version) {
        return require(code).version(version).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "Service " + code + " has no version " + version));
    }

    /** Serialises lifecycle changes of one service: two publications at once would both deprecate. */
    private SharedService lock(String code) {
        if (jdbc.query("select code from lgsp.service where code = ? for update", (rs, n) -> rs.getString(1), code)
                .isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Service " + code + " is not in the LGSP catalog");
        }
        return require(code);
    }

    private void insertVersion(String code, NewVersion version, String actor) {
        endpoints.check("baseUrl", version.baseUrl());
        String openApiType = version.openApi() == null ? null : input.openApiMediaType(version.openApi());
        jdbc.update("""
                insert into lgsp.service_version (service_code, version, status, base_url, openapi, openapi_media_type,
                                                  postman_collection, documents, quality_notes)
                values (?, ?, 'DRAFT', ?, ?, ?, ?, ?::jsonb, ?)""",
                code, version.version(), version.baseUrl().trim(), version.openApi(), openApiType,
                version.postmanCollection(), write(version.documents() == null ? List.of() : version.documents()),
                version.qualityNotes());
        history(code, version.version(), null, VersionStatus.DRAFT, actor);
    }

    private void apply(SharedService service, Lifecycle.Change change, Instant now, String actor) {
        Timestamp at = Timestamp.from(now);
        String where = " where service_code = ? and version = ?";
        switch (change.to()) {
            case TEST -> jdbc.update("update lgsp.service_version set status = 'TEST'" + where,
                    service.code(), change.version());
            case PUBLISHED -> jdbc.update("update lgsp.service_version set status = 'PUBLISHED', published_at = ?" + where,
                    at, service.code(), change.version());
            case DEPRECATED -> jdbc.update("""
                    update lgsp.service_version set status = 'DEPRECATED', deprecated_at = ?, sunset_at = ?,
                                                    notice_given_at = ?""" + where,
                    at, Timestamp.from(change.sunsetAt()),
                    change.noticeGivenAt() == null ? null : Timestamp.from(change.noticeGivenAt()),
                    service.code(), change.version());
            case RETIRED -> jdbc.update("update lgsp.service_version set status = 'RETIRED', retired_at = ?" + where,
                    at, service.code(), change.version());
            case DRAFT -> throw new IllegalStateException("no version moves back to DRAFT");
        }
        history(service.code(), change.version(), change.from(), change.to(), actor);
        transactions.record(Milestones.of("version-" + change.to().name().toLowerCase(java.util.Locale.ROOT),
                service.provider(), null, service.code(), change.version(), transactions.environment()));
        events.publishEvent(new VersionStatusChanged(service.code(), service.provider(), change.version(),
                change.from(), change.to(), actor, now));
    }

    private void history(String code, String version, VersionStatus from, VersionStatus to, String actor) {
        jdbc.update("""
                insert into lgsp.service_version_event (service_code, version, from_status, to_status, actor)
                values (?, ?, ?, ?, ?)""", code, version, from == null ? null : from.name(), to.name(), actor);
    }

    private void refreshStatus(String code) {
        List<VersionStatus> statuses = jdbc.query("select status from lgsp.service_version where service_code = ?",
                (rs, n) -> VersionStatus.valueOf(rs.getString(1)), code);
        jdbc.update("update lgsp.service set status = ?, updated_at = now() where code = ?",
                Lifecycle.overall(statuses).name(), code);
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

    private String write(List<TechnicalDocument> documents) {
        try {
            return json.writeValueAsString(documents);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("technical documents cannot be serialised", e);
        }
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
