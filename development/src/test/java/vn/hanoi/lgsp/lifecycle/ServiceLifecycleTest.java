package vn.hanoi.lgsp.lifecycle;

import vn.hanoi.lgsp.support.PublishedServices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.AccessGrants;
import vn.hanoi.lgsp.catalog.DataClassification;
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.catalog.VersionStatus;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.simulators.KeycloakTokenVerifier;
import vn.hanoi.lgsp.simulators.ServiceProviderSimulator;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * The lifecycle against the real stack (R-15, R-16, Đ16.5): agencies' systems call the API
 * with their Keycloak tokens, the gateway serves a simulated provider. After the sunset the
 * gateway answers 410 for the old version and the new one answers; a consumer that left gets
 * 403; a client that served only a retired service is disabled in Keycloak. Timers are fired
 * with the engine's clock moved while its job executor is paused, so no other process's timer
 * runs early.
 */
class ServiceLifecycleTest extends PlatformTest {

    static final String WARD = "000.00.61.H26";
    static final String JUSTICE = "000.00.13.H26";
    static final Keycloak.Client WARD_SYSTEM = new Keycloak.Client("phuonghoankiem-system", "Hoankiem#Demo2025", WARD);
    static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");

    @Autowired
    ServiceCatalog catalog;
    @Autowired
    AccessGrants grants;
    @Autowired
    KeycloakAdmin keycloakAdmin;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    com.fasterxml.jackson.databind.ObjectMapper json;

    String justice;
    ServiceProviderSimulator provider;

    @BeforeEach
    void clients() {
        justice = keycloak.clientToken(Keycloak.JUSTICE_SYSTEM);
        provider = new ServiceProviderSimulator(new ServiceProviderSimulator.Config(JUSTICE, 0,
                new KeycloakTokenVerifier(keycloakUrl + "/realms/lgsp", JUSTICE), 8));
        provider.start();
    }

    @AfterEach
    void stop() {
        provider.close();
        ClockUtil.reset();
    }

    @Test
    void afterTheSunsetTheOldVersionIsGoneTheNewOneAnswersAndALeavingConsumerIsRefused() {
        String code = publishedService();
        Credentials wardClient = consumerClient(WARD, code);
        String ward = keycloak.clientToken(wardClient.id(), wardClient.secret());
        assertThat(call(ward, code, "v1").status()).isEqualTo(200);

        // only the provider's own system submits a new version; a test credential reaches nothing of this
        Map<String, Object> v2 = Map.of("version", "v2", "baseUrl", provider.baseUrl(),
                "migrationNotes", "Không thay đổi dữ liệu trả về");
        assertThat(api.postJson("/api/v1/services/" + code + "/upgrades", keycloak.clientToken(WARD_SYSTEM), v2).status())
                .isEqualTo(403);
        assertThat(api.postJson("/api/v1/services/" + code + "/upgrades", testToken(JUSTICE), v2).status()).isEqualTo(403);
        Api.Reply submitted = api.postJson("/api/v1/services/" + code + "/upgrades", justice, v2);
        assertThat(submitted.status()).isEqualTo(202);
        assertThat(submitted.code()).isEqualTo("00");
        String upgrade = submitted.body().path("processInstanceId").asText();

        complete(upgrade, "Task_ReviewVersion", Map.of("reviewDecision", "APPROVE"), null);
        complete(upgrade, "Task_ConfirmVersionTest", Map.of("testResult", "PASSED"), null);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                catalog.require(code).version("v2").orElseThrow().status() == VersionStatus.PUBLISHED);

        Api.Reply old = call(ward, code, "v1");
        assertThat(old.status()).isEqualTo(200);
        assertThat(old.raw().headers().firstValue("Sunset")).isPresent();
        assertThat(call(ward, code, "v2").status()).as("no grant on v2 yet").isEqualTo(403);
        Api.Reply moved = api.post("/api/v1/services/" + code + "/versions/v2/migration", ward, "application/json", "");
        assertThat(moved.status()).isEqualTo(201);
        assertThat(call(ward, code, "v2").status()).isEqualTo(200);

        // the notice of the deprecation is public
        Api.Reply board = api.get("/api/v1/notices?service=" + code + "&kind=DEPRECATION", null);
        assertThat(board.status()).isEqualTo(200);
        assertThat(board.body().path("notices")).hasSize(1);

        fireTimersInOrder(upgrade, catalog.require(code).version("v1").orElseThrow().sunsetAt().plusSeconds(1));
        assertThat(catalog.require(code).version("v1").orElseThrow().status()).isEqualTo(VersionStatus.RETIRED);

        Api.Reply gone = call(ward, code, "v1");
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.code()).isEqualTo("01");
        assertThat(call(ward, code, "v2").status()).isEqualTo(200);

        // the ward stops using the service; the provider's staff revoke; then the gateway refuses it
        Api.Reply leaving = api.postJson("/api/v1/services/" + code + "/offboarding", ward, Map.of("reason", "Không còn dùng"));
        assertThat(leaving.status()).isEqualTo(202);
        String offboarding = leaving.body().path("processInstanceId").asText();
        complete(offboarding, "Task_ProviderRevokes", Map.of("revokeConfirmed", true), "staff.stp");
        await().atMost(Duration.ofSeconds(60)).until(() -> grants.activeOf(WARD, code).isEmpty());
        await().atMost(Duration.ofSeconds(60)).until(() -> !keycloakAdmin.clientEnabled(wardClient.id()));
        // its grants are gone: even with a credential that still works (its own system's) the gateway refuses it
        Api.Reply refused = call(keycloak.clientToken(WARD_SYSTEM), code, "v2");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("01");
        // and the client issued for this service stopped working: its tokens are refused, it gets no new one
        assertThat(call(ward, code, "v2").status()).isEqualTo(401);
        assertThatThrownBy(() -> keycloak.clientToken(wardClient.id(), wardClient.secret()))
                .as("a disabled client gets no new token").isInstanceOf(RuntimeException.class);
    }

    @Test
    void retirementNeedsSixtyDaysAndOnTheDayDisablesTheClientsOfTheServiceAlone() {
        String code = publishedService();
        Credentials wardClient = consumerClient(WARD, code);
        String ward = keycloak.clientToken(wardClient.id(), wardClient.secret());
        LocalDate today = LocalDate.now(HANOI);

        Api.Reply tooSoon = api.postJson("/api/v1/services/" + code + "/retirement", justice,
                Map.of("retireOn", today.plusDays(59).toString(), "reason", "Hợp nhất"));
        assertThat(tooSoon.status()).isEqualTo(400);
        assertThat(tooSoon.code()).isEqualTo("01");
        assertThat(tooSoon.message()).contains("at least 60 days");
        assertThat(api.postJson("/api/v1/services/" + code + "/retirement", justice,
                Map.of("retireOn", "ngày mai", "reason", "Hợp nhất")).message()).contains("YYYY-MM-DD");
        assertThat(api.postJson("/api/v1/services/" + code + "/retirement", ward,
                Map.of("retireOn", today.plusDays(60).toString(), "reason", "không phải của mình")).status()).isEqualTo(403);

        Api.Reply announced = api.postJson("/api/v1/services/" + code + "/retirement", justice,
                Map.of("retireOn", today.plusDays(60).toString(), "reason", "Hợp nhất vào dịch vụ mới"));
        assertThat(announced.status()).isEqualTo(202);
        String retirement = announced.body().path("processInstanceId").asText();
        complete(retirement, "Task_ConfirmRetirement", Map.of("retirementDecision", "CONFIRM"), null);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                catalog.require(code).version("v1").orElseThrow().status() == VersionStatus.DEPRECATED);
        // until the day it still answers (given the time a first call to a new upstream takes on a busy machine)
        await().atMost(Duration.ofSeconds(30)).until(() -> call(ward, code, "v1").status() == 200);

        fireTimersInOrder(retirement, today.plusDays(60).atStartOfDay(HANOI).toInstant().plusSeconds(1));

        assertThat(catalog.require(code).status()).isEqualTo(VersionStatus.RETIRED);
        assertThat(call(keycloak.clientToken(WARD_SYSTEM), code, "v1").status()).isEqualTo(410);
        // the client issued for this service alone is disabled, and the tokens it held stop working
        assertThat(keycloakAdmin.clientEnabled(wardClient.id())).isFalse();
        assertThat(call(ward, code, "v1").status()).isEqualTo(401);
        // the ward's own system client serves everything else it does and stays
        assertThat(keycloakAdmin.clientEnabled(WARD_SYSTEM.id())).isTrue();
        Api.Reply board = api.get("/api/v1/notices?service=" + code, null);
        assertThat(board.body().path("notices").findValuesAsText("kind")).contains("RETIREMENT", "RETIRED");
    }

    @Test
    void noticesRefuseWhatTheyCannotFilterBy() {
        assertThat(api.get("/api/v1/notices?kind=EVERYTHING", null).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/notices?service=%27%3B%20drop%20table%20notice%3B--", null).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/notices?from=2026-02-30", null).code()).isEqualTo("01");
        assertThat(api.get("/api/v1/notices", null).status()).isEqualTo(200);
    }

    // ---- helpers ----

    record Credentials(String id, String secret) {
    }

    private String publishedService() {
        String code = "lc-" + UUID.randomUUID().toString().substring(0, 8);
        return PublishedServices.publish(catalog, new ServiceCatalog.NewService(code, "Dịch vụ vòng đời " + code, null, JUSTICE,
                DataClassification.PUBLIC, "v1", provider.baseUrl(), null, null, null, null));
    }

    /** What onboarding leaves for an active consumer: its registration, its production client, its grant. */
    private Credentials consumerClient(String agency, String service) {
        UUID registration = UUID.randomUUID();
        String client = "reg-" + registration + "-prod";
        KeycloakAdmin.AgencyCredentials credentials = keycloakAdmin.provisionAgencyClient(client, "Chính thức " + service,
                agency, "production");
        jdbc.update("""
                insert into lgsp.registration (id, request_type, agency_code, provider_code, service_code, service_version,
                                               status, form, valid_at, production_client_id)
                values (?, 'CONSUMER', ?, ?, ?, 'v1', 'ACTIVE', '{}'::jsonb, now(), ?)""",
                registration, agency, JUSTICE, service, client);
        grants.grant(agency, service, "v1", AccessGrant.Environment.PRODUCTION, "test");
        return new Credentials(credentials.clientId(), credentials.clientSecret());
    }

    private String testToken(String agency) {
        String clientId = "lc-test-" + UUID.randomUUID().toString().substring(0, 8);
        KeycloakAdmin.AgencyCredentials credentials = keycloakAdmin.provisionAgencyClient(clientId, "Thử nghiệm", agency,
                "test");
        return keycloak.clientToken(credentials.clientId(), credentials.clientSecret());
    }

    private Api.Reply call(String token, String service, String version) {
        return api.call("GET", "/api/v1/gateway/" + service + "/" + version + "/echo/ho-so", token, Map.of(), null);
    }

    /** Completes the instance's task at {@code activity} once the job executor has brought the instance there. */
    private void complete(String instance, String activity, Map<String, Object> variables, String user) {
        Task task = await().atMost(Duration.ofSeconds(60)).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceId(instance).taskDefinitionKey(activity).singleResult(), t -> t != null);
        if (user != null) {
            engine.getIdentityService().setAuthenticatedUserId(user);
        }
        try {
            engine.getTaskService().complete(task.getId(), variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    /**
     * Fires the instance's timers one after another, each at its own time, until none is due by
     * {@code until}; the job executor is paused meanwhile, so that nothing else sees the moved clock.
     */
    private void fireTimersInOrder(String instance, java.time.Instant until) {
        JobExecutor executor = ((ProcessEngineImpl) engine).getProcessEngineConfiguration().getJobExecutor();
        ManagementService management = engine.getManagementService();
        executor.shutdown();
        try {
            for (int fired = 0; fired < 10; fired++) {
                drainAsync(instance);
                Job next = management.createJobQuery().processInstanceId(instance).timers().list().stream()
                        .min(Comparator.comparing(Job::getDuedate)).orElse(null);
                if (next == null || next.getDuedate().toInstant().isAfter(until)) {
                    break;
                }
                ClockUtil.setCurrentTime(Date.from(next.getDuedate().toInstant().plusSeconds(1)));
                management.executeJob(next.getId());
            }
            drainAsync(instance);
        } finally {
            ClockUtil.reset();
            executor.start();
        }
    }

    private void drainAsync(String instance) {
        for (int round = 0; round < 10; round++) {
            List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(instance).messages().list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
    }
}
