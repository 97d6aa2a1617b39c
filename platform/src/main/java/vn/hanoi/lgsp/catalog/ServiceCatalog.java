package vn.hanoi.lgsp.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.hanoi.lgsp.agency.AgencyRegistry;
import vn.hanoi.lgsp.agency.EndpointPolicy;
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

    private final JdbcTemplate jdbc;
    private final AgencyRegistry agencies;
    private final TransactionLog transactions;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final ServiceInput input;
    private final EndpointPolicy endpoints;
    private final CatalogQueries queries;
    private final VersionReach reach;

    ServiceCatalog(JdbcTemplate jdbc, AgencyRegistry agencies, TransactionLog transactions,
                   ApplicationEventPublisher events, ObjectMapper json, EndpointPolicy endpoints,
                   CatalogQueries queries, VersionReach reach) {
        this.jdbc = jdbc;
        this.agencies = agencies;
        this.transactions = transactions;
        this.events = events;
        this.json = json;
        this.input = new ServiceInput(json);
        this.endpoints = endpoints;
        this.queries = queries;
        this.reach = reach;
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
        return queries.find(code);
    }

    /** The service, or a {@code NOT_FOUND} failure. */
    public SharedService require(String code) {
        return queries.require(code);
    }

    /**
     * Services whose code, name or description contain {@code text}, of one provider, whose
     * overall status is {@code status}; null criteria do not filter.
     */
    public List<SharedService> search(String text, String provider, VersionStatus status) {
        return queries.search(text, provider, status);
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
        SharedService service = queries.lock(code);
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
        SharedService service = queries.lock(code);
        Instant now = lifecycleNow();
        apply(service, Lifecycle.withdrawal(service, version), now, actor);
        refreshStatus(code);
        return require(code);
    }

    private SharedService move(String code, String version, VersionStatus target, Instant sunset, Instant noticeGivenAt,
                               String actor) {
        SharedService service = queries.lock(code);
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
        return reach.changeBaseUrl(code, version, baseUrl, actor);
    }

    /**
     * Offers a version to ministries and other provinces through NDXP, or withdraws the offer
     * (Đ6.1.4.c). Only the city's own services are offered: the national ones are NDXP's to begin
     * with. A retired version cannot be offered; withdrawing an offer is always possible. The
     * gateway follows at once on this node and within its cache time on the others.
     */
    @Transactional
    public SharedService offerToNdxp(String code, String version, boolean offered, String actor) {
        return reach.offerToNdxp(code, version, offered, actor);
    }

    /** The version's OpenAPI document, if the provider supplied one. */
    public Optional<OpenApiDocument> openApi(String code, String version) {
        return queries.openApi(code, version);
    }

    /** The version's Postman collection (JSON), if the provider supplied one. */
    public Optional<String> postmanCollection(String code, String version) {
        return queries.postmanCollection(code, version);
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

    private String write(List<TechnicalDocument> documents) {
        try {
            return json.writeValueAsString(documents);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("technical documents cannot be serialised", e);
        }
    }
}
