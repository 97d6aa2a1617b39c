package vn.hanoi.lgsp.lifecycle;

import vn.hanoi.lgsp.support.PublishedServices;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.AccessGrants;
import vn.hanoi.lgsp.catalog.DataClassification;
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.identity.KeycloakAdmin;
import vn.hanoi.lgsp.notice.NoticeBoard;
import vn.hanoi.lgsp.onboarding.RegistrationForm;
import vn.hanoi.lgsp.support.ProcessTest;

/**
 * What the lifecycle process tests share: a published service of the Department of Justice,
 * consumers with production grants and e-mail contacts of their own, and the engine's clock,
 * which each test sets and moves (and gives back).
 */
abstract class LifecycleProcessTest extends ProcessTest {

    static final String JUSTICE = "000.00.13.H26";
    static final String WARD = "000.00.61.H26";
    static final String FINANCE = "000.00.14.H26";
    static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    static final ServiceLifecycle.Caller DOST = new ServiceLifecycle.Caller(null, "operator.demo");

    @Autowired
    ServiceLifecycle lifecycle;
    @Autowired
    ServiceCatalog catalog;
    @Autowired
    AccessGrants grants;
    @Autowired
    NoticeBoard notices;
    @Autowired
    KeycloakAdmin keycloak;
    @Autowired
    com.fasterxml.jackson.databind.ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;

    /** Tuesday 3 March 2026, 10:00 in Hanoi: a working day well clear of Tết. */
    static final Instant START = LocalDate.of(2026, 3, 3).atTime(10, 0).atZone(HANOI).toInstant();

    @BeforeEach
    void startClock() {
        setClock(START);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    static void setClock(Instant at) {
        ClockUtil.setCurrentTime(Date.from(at));
    }

    static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    static LocalDate today() {
        return now().atZone(HANOI).toLocalDate();
    }

    static ServiceLifecycle.Caller agency(String code) {
        return new ServiceLifecycle.Caller(code, "system-" + code);
    }

    String publishedService() {
        String code = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        return PublishedServices.publish(catalog, new ServiceCatalog.NewService(code, "Tra cứu thử " + code, "Mô tả", JUSTICE,
                DataClassification.PUBLIC, "v1", "http://127.0.0.1:9/api", "{\"openapi\":\"3.0.0\"}", null, List.of(),
                null));
    }

    /**
     * A consumer of the service as onboarding leaves it once active: its registration (with a
     * contact address of its own, where its mail goes), a production client in Keycloak and a
     * production grant.
     * Returns the client's id.
     */
    String consumer(String agency, String service, String version, String email) {
        RegistrationForm form = new RegistrationForm("CONSUMER",
                new RegistrationForm.SystemInfo("Hệ thống một cửa điện tử", "http://127.0.0.1:9", "Thử nghiệm"),
                new RegistrationForm.Contact("Nguyễn Văn Liên", "Chuyên viên", email, "0241234567"), null,
                new RegistrationForm.Consumption(service, version, "Giải quyết thủ tục hành chính", "Tra cứu theo hồ sơ",
                        "Nghị định 47/2020", 100),
                new RegistrationForm.SecurityCommitment("Trần Văn Cam", "Giám đốc", LocalDate.now(), true), null);
        UUID registration = UUID.randomUUID();
        String client = "reg-" + registration + "-prod";
        keycloak.provisionAgencyClient(client, "Chính thức — " + agency + " — " + service, agency, "production");
        try {
            jdbc.update("""
                    insert into lgsp.registration (id, request_type, agency_code, provider_code, service_code, service_version,
                                                   status, form, valid_at, production_client_id)
                    values (?, 'CONSUMER', ?, ?, ?, ?, 'ACTIVE', ?::jsonb, now(), ?)""",
                    registration, agency, JUSTICE, service, version, json.writeValueAsString(form), client);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        grants.grant(agency, service, version, AccessGrant.Environment.PRODUCTION, "test");
        return client;
    }

    static String mailbox(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.vn";
    }

    static List<String> mailTo(String address) {
        return vn.hanoi.lgsp.support.ReceivedMail.subjectsTo(address);
    }

    ProcessInstance instance(String id) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    Task task(String instanceId) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instanceId).singleResult();
    }

    void complete(String instanceId, Map<String, Object> variables) {
        engine.getTaskService().complete(task(instanceId).getId(), variables);
    }

    /** Runs the instance's waiting asynchronous continuations (not its timers), as the job executor would. */
    void runAsync(String instanceId) {
        for (int round = 0; round < 10; round++) {
            List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(instanceId).messages().list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
    }

    Job timer(String instanceId, String activity) {
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(instanceId).activityId(activity)
                .timers().singleResult();
        assertThat(timer).as("timer at " + activity).isNotNull();
        return timer;
    }

    /** Moves the clock to the timer's due date, fires it and runs what follows. */
    void fireAtItsTime(String instanceId, String activity) {
        Job timer = timer(instanceId, activity);
        setClock(timer.getDuedate().toInstant());
        engine.getManagementService().executeJob(timer.getId());
        runAsync(instanceId);
    }

    Object variable(String instanceId, String name) {
        return engine.getRuntimeService().getVariable(instanceId, name);
    }

    Object historicVariable(String instanceId, String name) {
        var v = engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instanceId)
                .variableName(name).singleResult();
        return v == null ? null : v.getValue();
    }
}
