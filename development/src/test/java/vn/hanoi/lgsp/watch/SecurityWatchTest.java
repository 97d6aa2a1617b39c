package vn.hanoi.lgsp.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.hanoi.lgsp.audit.AuditEntry;
import vn.hanoi.lgsp.audit.AuditJournal;
import vn.hanoi.lgsp.contract.SecuritySignal;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * The LGSP watches its own security (Đ7.7, Đ10.4, Đ12.2) on the real stack: a burst of forged
 * tokens from one address opens exactly one security incident with a DOST task; an entry of the
 * audit journal edited behind its back is found by the daily verification and opens one; the
 * month's security report counts them; an agency's staff reads none of it.
 */
class SecurityWatchTest extends PlatformTest {

    private static final String ADDRESS = "network 127.0.0.0/24";

    @Autowired
    LgspIncidents incidents;
    @Autowired
    JournalCheck journalCheck;
    @Autowired
    AuditJournal journal;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;
    @Autowired
    WatchSettings settings;
    @Autowired
    KeycloakChanges keycloakChanges;
    @Autowired
    vn.hanoi.lgsp.identity.KeycloakAdmin keycloakAdmin;

    @Test
    void aBurstOfForgedTokensOpensExactlyOneSecurityIncident() throws Exception {
        // earlier tests of the suite refused tokens too: start from no open finding about this address
        incidents.openFor(SecuritySignal.AUTH_FAILURE, ADDRESS).ifPresent(i -> incidents.resolve(i.id(), "test", "earlier"));
        Instant start = Instant.now();
        String forged = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhdHRhY2tlciJ9.c2lnbmF0dXJl";
        int burst = settings.rules().get(SecuritySignal.AUTH_FAILURE).threshold() + 10;
        for (int i = 0; i < burst; i++) {
            assertThat(api.get("/api/v1/services", forged).status()).isEqualTo(401);
        }

        List<LgspIncidents.LgspIncident> opened = incidents.search(LgspIncidents.Category.SECURITY, null, start, null, 50)
                .stream().filter(i -> i.rule().equals(SecuritySignal.AUTH_FAILURE)).toList();
        assertThat(opened).as("security incidents opened by the burst").hasSize(1);
        LgspIncidents.LgspIncident incident = opened.get(0);
        assertThat(incident.subject()).isEqualTo(ADDRESS);
        assertThat(incident.status()).isEqualTo("OPEN");
        assertThat(incident.detail()).contains("auth-failures");
        await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
                .processDefinitionKey(LgspIncidentProcess.PROCESS_KEY).processInstanceBusinessKey(incident.id().toString())
                .taskCandidateGroup("dost-operators").count() == 1);
        assertThat(incidents.find(incident.id()).orElseThrow().severity()).isEqualTo("HIGH");

        // the month's report counts it
        String supervisor = keycloak.staffToken("supervisor");
        String report = reportText(supervisor);
        assertThat(report.lines().filter(l -> l.contains("Xác thực thất bại liên tiếp")).findFirst().orElseThrow())
                .as("the report's line for refused tokens").doesNotContain(" 0 sự cố").contains("sự cố");
        Api.Reply list = api.get("/api/v1/monitoring/lgsp-incidents?category=SECURITY&status=OPEN", supervisor);
        assertThat(list.body().path("incidents").findValuesAsText("id")).contains(incident.id().toString());
        assertThat(api.get("/api/v1/monitoring/lgsp-incidents", keycloak.staffToken("staff.stp")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/monitoring/security-reports/2026-13", supervisor).status()).isEqualTo(400);
        incidents.resolve(incident.id(), "test", "test over");
    }

    @Test
    void aTamperedJournalEntryIsFoundByTheDailyVerificationAndOpensAnIncident() throws Exception {
        incidents.openFor(SecuritySignal.JOURNAL_TAMPERED, "audit journal")
                .ifPresent(i -> incidents.resolve(i.id(), "test", "earlier"));
        journal.append(new AuditEntry(Instant.now(), AuditEntry.ActorKind.PLATFORM, "lgsp", null, "test.watch-target",
                "entry", "00", null, Map.of("n", 1)));
        journal.flush();
        assertThat(journalCheck.verifyNow().intact()).as("before").isTrue();
        long seq = jdbc.queryForObject("select max(seq) from lgsp.audit_journal where action = 'test.watch-target'",
                Long.class);
        jdbc.update("update lgsp.audit_journal set outcome = '01' where seq = ?", seq);
        try {
            assertThat(journalCheck.verifyNow().intact()).isFalse();
            LgspIncidents.LgspIncident incident = incidents.openFor(SecuritySignal.JOURNAL_TAMPERED, "audit journal")
                    .orElseThrow();
            assertThat(incident.category()).isEqualTo(LgspIncidents.Category.SECURITY);
            assertThat(incident.detail()).contains("problems");
            await().atMost(Duration.ofSeconds(30)).until(() -> "CRITICAL".equals(
                    incidents.find(incident.id()).orElseThrow().severity()));
            String report = reportText(keycloak.staffToken("supervisor"));
            assertThat(report.lines().filter(l -> l.contains("Nhật ký không còn toàn vẹn")).findFirst().orElseThrow())
                    .as("the report's line for the journal").doesNotContain(" 0 sự cố").contains("sự cố");
            incidents.resolve(incident.id(), "test", "test over");
        } finally {
            jdbc.update("update lgsp.audit_journal set outcome = '00' where seq = ?", seq);
        }
        assertThat(journalCheck.verifyNow().intact()).as("restored").isTrue();
    }

    /** A client made in Keycloak (here by the platform's own provisioning) is in the journal as Keycloak saw it. */
    @Test
    void keycloakChangesToClientsArePulledIntoTheJournal() {
        Instant start = Instant.now().minusSeconds(1);
        String clientId = "watch-test-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        keycloakAdmin.provisionAgencyClient(clientId, "Watch test", "000.00.13.H26", "TEST");
        try {
            // whichever pull takes it, the scheduled one or this one
            keycloakChanges.pull();
            assertThat(clientsCreatedSince(start)).as("the new client, journaled as Keycloak saw it").hasSize(1);
            keycloakChanges.pull();
            assertThat(clientsCreatedSince(start)).as("each change journaled once").hasSize(1);
        } finally {
            keycloakAdmin.deleteClient(clientId);
        }
    }

    private List<Map<String, Object>> clientsCreatedSince(Instant start) {
        journal.flush();
        return jdbc.queryForList("""
                select target, details::text details from lgsp.audit_journal
                where action = 'keycloak.admin.create' and at >= ? and details ->> 'resourceType' = 'CLIENT'""",
                java.sql.Timestamp.from(start));
    }

    private String reportText(String token) throws Exception {
        java.net.http.HttpResponse<byte[]> pdf = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(baseUrl() + "/api/v1/monitoring/security-reports/"
                        + YearMonth.now(SecurityReport.HANOI))).header("Authorization", "Bearer " + token).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            return new PDFTextStripper().getText(document);
        }
    }
}
