package vn.hanoi.lgsp.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.monitoring.GatewayUsage;
import vn.hanoi.lgsp.monitoring.TransactionDocument;
import vn.hanoi.lgsp.monitoring.TransactionLog;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * Periodic reports against the real stack (R-21, Đ16.13): drafted from what Elasticsearch and
 * PostgreSQL hold for the period, their PDF text (Vietnamese, diacritics intact) extracted and
 * their XLSX read back with the seeded numbers; nothing is public until a DOST leader
 * approves; a report not approved is withdrawn and can be drafted again.
 */
class PeriodicReportTest extends PlatformTest {

    static final String JUSTICE = "000.00.13.H26";
    static final String WARD = "000.00.61.H26";

    @Autowired
    TransactionLog transactions;
    @Autowired
    GatewayUsage usage;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;
    @Autowired
    ProcessEngine engine;
    @Autowired
    PeriodicReports reports;

    String operator;

    @BeforeEach
    void clients() {
        operator = keycloak.operatorToken();
    }

    @Test
    void theMonthsReportsCarryTheSeededNumbersAndArePublishedOnlyOnceALeaderApproves() throws Exception {
        String period = "2019-08";
        seed(period, 12, 2);
        String instance = start(period);

        List<PeriodicReports.Report> drafts = reports.ofProcess(instance);
        PeriodicReports.Report city = drafts.stream().filter(r -> r.agency() == null).findFirst().orElseThrow();
        PeriodicReports.Report ward = drafts.stream().filter(r -> WARD.equals(r.agency())).findFirst().orElseThrow();
        PeriodicReports.Report justice = drafts.stream().filter(r -> JUSTICE.equals(r.agency())).findFirst().orElseThrow();
        assertThat(drafts).allMatch(r -> r.status() == PeriodicReports.Status.DRAFT);

        // the PDF: Vietnamese text with its diacritics, and the numbers
        String text = new PDFTextStripper().getText(Loader.loadPDF(reports.file(ward.id(), "pdf").orElseThrow()));
        assertThat(text).contains("BÁO CÁO ĐỊNH KỲ THÁNG 8/2019").contains("NỀN TẢNG TÍCH HỢP, CHIA SẺ DỮ LIỆU")
                .contains(ward.agencyName()).contains("Lượt gọi dịch vụ qua cổng (khai thác)")
                .contains("Từ ngày 01/08/2019 đến hết ngày 31/08/2019");
        assertThat(text.lines().filter(l -> l.startsWith("Lượt gọi dịch vụ qua cổng (khai thác)"))).singleElement()
                .satisfies(l -> assertThat(l).endsWith("12"));

        // the XLSX, read back by Apache POI
        assertThat(figure(ward, "gatewayCallsMade")).isEqualTo(12.0);
        assertThat(figure(ward, "gatewayCallsMadeFailed")).isEqualTo(2.0);
        assertThat(figure(justice, "gatewayCallsServed")).isEqualTo(12.0);
        assertThat(figure(justice, "gatewayCallsMade")).isZero();
        assertThat(figure(city, "gatewayCallsMade")).isEqualTo(12.0);
        assertThat(figure(city, "gatewayCallsServedFailed")).isEqualTo(2.0);

        // drafts are not public
        assertThat(api.get("/api/v1/reports?period=" + period, null).body().path("reports")).isEmpty();
        assertThat(download(city.id(), "pdf").statusCode()).isEqualTo(404);

        // the leader's form takes APPROVE or REJECT only
        Task approval = approvalTask(instance);
        assertThat(engine.getTaskService().getIdentityLinksForTask(approval.getId()))
                .anyMatch(l -> "dost-leaders".equals(l.getGroupId()));
        asLeader(() -> assertThatThrownBy(() -> engine.getTaskService().complete(approval.getId(),
                Map.of("decision", "MAYBE"))).hasMessageContaining("decision must be APPROVE or REJECT"));
        asLeader(() -> engine.getTaskService().complete(approval.getId(), Map.of("decision", "APPROVE",
                "decisionNote", "Đồng ý công bố")));

        await().atMost(Duration.ofSeconds(30)).until(() -> reports.ofProcess(instance).stream()
                .allMatch(r -> r.status() == PeriodicReports.Status.PUBLISHED));
        assertThat(reports.ofProcess(instance)).allMatch(r -> "leader".equals(r.approvedBy()));
        Api.Reply published = api.get("/api/v1/reports?period=" + period, null);
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.body().path("reports").findValuesAsText("id")).contains(city.id().toString(),
                ward.id().toString());
        HttpResponse<byte[]> pdf = download(city.id(), "pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        HttpResponse<byte[]> xlsx = download(ward.id(), "xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(value(workbook.getSheetAt(0), "gatewayCallsMade")).isEqualTo(12.0);
        }

        // a period is drafted once
        assertThat(api.postJson("/api/v1/reports/" + period + "/start", operator, Map.of()).error()).isEqualTo("DUPLICATE");
    }

    @Test
    void aReportTheLeaderDoesNotApproveIsWithdrawnAndCanBeDraftedAgain() {
        String period = "2019-Q4";
        String instance = start(period);
        asLeader(() -> engine.getTaskService().complete(approvalTask(instance).getId(), Map.of("decision", "REJECT",
                "decisionNote", "Bổ sung số liệu sự cố")));
        await().atMost(Duration.ofSeconds(30)).until(() -> reports.ofProcess(instance).stream()
                .allMatch(r -> r.status() == PeriodicReports.Status.WITHDRAWN));
        assertThat(api.get("/api/v1/reports?period=" + period, null).body().path("reports")).isEmpty();
        assertThat(api.postJson("/api/v1/reports/" + period + "/start", operator, Map.of()).status()).isEqualTo(201);
    }

    @Test
    void onlyDostStartsReportsAndOnlyForAPeriodThatHasEnded() {
        String ward = keycloak.clientToken(new Keycloak.Client("phuonghoankiem-system",
                "Hoankiem#Demo2025", WARD));
        assertThat(api.postJson("/api/v1/reports/2019-07/start", ward, Map.of()).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/reports/2019-07/start", null, Map.of()).status()).isEqualTo(401);
        Api.Reply month = api.postJson("/api/v1/reports/2019-13/start", operator, Map.of());
        assertThat(month.status()).isEqualTo(400);
        assertThat(month.message()).contains("yyyy-MM").contains("yyyy-Qn");
        String thisMonth = YearMonth.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toString();
        assertThat(api.postJson("/api/v1/reports/" + thisMonth + "/start", operator, Map.of()).message())
                .contains("has ended");
        assertThat(api.get("/api/v1/reports?agency=%3Cx%3E", null).status()).isEqualTo(400);
        assertThat(download(UUID.randomUUID(), "pdf").statusCode()).isEqualTo(404);
        assertThat(download(UUID.randomUUID(), "exe").statusCode()).isEqualTo(404);
    }

    private String start(String period) {
        Api.Reply started = api.postJson("/api/v1/reports/" + period + "/start", operator, Map.of());
        assertThat(started.status()).as(started.body().toString()).isEqualTo(201);
        String instance = started.body().path("processInstanceId").asText();
        await().atMost(Duration.ofSeconds(90)).until(() -> approvalTask(instance) != null);
        return instance;
    }

    private Task approvalTask(String instance) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance).taskDefinitionKey("Task_Approve")
                .singleResult();
    }

    private void asLeader(Runnable action) {
        engine.getIdentityService().setAuthentication("leader", List.of("dost-leaders"));
        try {
            action.run();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private double figure(PeriodicReports.Report report, String key) throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(reports.file(report.id(), "xlsx")
                .orElseThrow()))) {
            return value(workbook.getSheetAt(0), key);
        }
    }

    private static double value(Sheet sheet, String key) {
        for (Row row : sheet) {
            if (row.getCell(0) != null && key.equals(row.getCell(0).toString()) && row.getCell(2) != null) {
                return row.getCell(2).getNumericCellValue();
            }
        }
        throw new AssertionError("no row " + key);
    }

    private HttpResponse<byte[]> download(UUID id, String format) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/reports/" + id
                    + "/" + format)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Gateway calls of the ward to a service of the justice department in that month, shipped to Elasticsearch. */
    private void seed(String period, int calls, int failed) {
        String service = "report-" + UUID.randomUUID().toString().substring(0, 8);
        YearMonth month = YearMonth.parse(period);
        Instant at = month.atDay(12).atTime(10, 0).atZone(ReportPeriod.HANOI).toInstant();
        List<TransactionDocument> documents = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            boolean ok = i >= failed;
            documents.add(new TransactionDocument(UUID.randomUUID().toString(), at.plusSeconds(i), "gateway-call", "GET",
                    "/api/v1/gateway/" + service + "/v1/x", WARD, JUSTICE, service, "v1", null, null, null,
                    ok ? "00" : "01", ok ? null : "UPSTREAM_TIMEOUT", ok ? 200 : 504, 80L, 0L, 10L, "production", 60L,
                    null, null));
        }
        transaction.executeWithoutResult(s -> transactions.recordAll(documents));
        Instant from = month.atDay(1).atStartOfDay(ReportPeriod.HANOI).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ReportPeriod.HANOI).toInstant();
        await().atMost(Duration.ofSeconds(60)).until(() -> usage.usage(from, to, WARD, JUSTICE).stream()
                .filter(r -> r.service().equals(service)).mapToLong(GatewayUsage.Row::calls).sum() == calls);
    }
}
