package vn.hanoi.lgsp.lifecycle;

import vn.hanoi.lgsp.support.PublishedServices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.hanoi.lgsp.agency.Agency;
import vn.hanoi.lgsp.agency.AgencyRegistry;
import vn.hanoi.lgsp.agency.AgencySystem;
import vn.hanoi.lgsp.agency.AgencySystems;
import vn.hanoi.lgsp.catalog.AccessGrant;
import vn.hanoi.lgsp.catalog.DataClassification;
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.onboarding.IssuedCredentials;

/**
 * Every path of {@code agency-closure} (R-06, Đ10.3): DOST confirms which successor takes over;
 * on the effective day the grants, the connected system and the credentials pass to it, the
 * exchanges in flight are redirected or ended with the successor named, and the services the
 * closed body provided go onto the 60-day retirement path. Dissolved, everything ends.
 */
class AgencyClosureProcessTest extends LifecycleProcessTest {

    /** A week after the test clock's start, in Hanoi: the first day without the closed body. */
    static final LocalDate EFFECTIVE = LocalDate.of(2026, 3, 10);

    @Autowired
    AgencyRegistry agencies;
    @Autowired
    AgencySystems systems;
    @Autowired
    IssuedCredentials credentials;

    @Test
    void aMergerMovesGrantsSystemCredentialsAndExchangesToTheSuccessorOnTheDay() throws Exception {
        String merged = freshAgency("UBND phường sáp nhập");
        String successor = freshAgency("UBND phường mới");
        String service = publishedService();
        String client = consumer(merged, service, "v1", mailbox("merged"));
        grants.grant(merged, service, "v1", AccessGrant.Environment.TEST, "test", 50);
        systems.register(new AgencySystem(merged, "http://127.0.0.1:9/merged", true, null, false, true, 60));
        String provided = serviceOf(merged);
        UUID delivered = exchange(JUSTICE, merged, "DELIVERED");
        UUID accepted = exchange(JUSTICE, merged, "ACCEPTED");
        UUID sent = exchange(merged, JUSTICE, "ROUTED");

        agencies.close(merged, EFFECTIVE, Agency.ClosureReason.MERGED, List.of(successor), "operator");
        String id = closureOf(merged);
        runAsync(id);

        assertThat(instance(id)).isWaitingAt("Task_DostConfirms");
        assertThat(engine.getTaskService().getIdentityLinksForTask(task(id).getId()))
                .anyMatch(l -> "dost-operators".equals(l.getGroupId()));
        String inventory = (String) variable(id, ClosureProcess.Variables.INVENTORY);
        assertThat(inventory).contains(service + " v1 PRODUCTION", "http://127.0.0.1:9/merged", client, provided,
                "2 gửi đến, 1 gửi đi");
        assertThat(variable(id, ClosureProcess.Variables.TRANSFER_TO)).isEqualTo(successor);

        // only a successor the closure named can take over
        assertThatThrownBy(() -> complete(id, Map.of("transferConfirmed", true, "transferTo", FINANCE)))
                .hasMessageContaining("transferTo");
        assertThat(task(id)).as("the refused completion leaves the task open").isNotNull();
        assertThatThrownBy(() -> complete(id, Map.of("transferConfirmed", false, "transferTo", successor)))
                .hasMessageContaining("transferConfirmed");
        assertThat(task(id)).as("the refused completion leaves the task open").isNotNull();
        engine.getIdentityService().setAuthentication("operator", List.of("dost-operators"));
        try {
            complete(id, Map.of("transferConfirmed", true, "transferTo", successor));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        runAsync(id);

        // confirmed before the day: nothing moves until it comes
        assertThat(instance(id)).isWaitingAt("Timer_Effective");
        assertThat(grants.activeOf(merged, service)).hasSize(2);
        assertThat(timer(id, "Timer_Effective").getDuedate().toInstant())
                .isEqualTo(EFFECTIVE.atStartOfDay(HANOI).toInstant());

        fireAtItsTime(id, "Timer_Effective");

        assertThat(instance(id)).isNull();
        assertThat(grants.activeOf(merged, service)).isEmpty();
        List<AccessGrant> carried = grants.activeOf(successor, service);
        assertThat(carried).extracting(AccessGrant::environment)
                .containsExactlyInAnyOrder(AccessGrant.Environment.PRODUCTION, AccessGrant.Environment.TEST);
        assertThat(carried).filteredOn(g -> g.environment() == AccessGrant.Environment.TEST)
                .extracting(AccessGrant::quota).containsExactly(50);
        assertThat(systems.find(merged)).isEmpty();
        assertThat(systems.find(successor)).get().extracting(AgencySystem::baseUrl).isEqualTo("http://127.0.0.1:9/merged");
        // the same client keeps working, now in the successor's name
        assertThat(keycloak.clientEnabled(client)).isTrue();
        assertThat(keycloak.agencyOfClient(client)).contains(successor);
        assertThat(claim(tokenOf(client), "agency_code")).isEqualTo(successor);
        assertThat(credentials.clientsOf(successor, service)).contains(client);
        assertThat(credentials.clientsOf(merged, service)).isEmpty();

        assertThat(jdbc.queryForObject("select destination_code from lgsp.exchange where id = ?", String.class, delivered))
                .isEqualTo(successor);
        assertThat(jdbc.queryForMap("select status, failure_reason from lgsp.exchange where id = ?", accepted))
                .containsEntry("status", "CANCELLED")
                .hasEntrySatisfying("failure_reason", r -> assertThat(r.toString()).contains(successor));
        assertThat(jdbc.queryForObject("select count(*) from lgsp.exchange_content where exchange_id = ?", Integer.class,
                accepted)).isZero();
        assertThat(jdbc.queryForObject("select source_code from lgsp.exchange where id = ?", String.class, sent))
                .isEqualTo(successor);

        String retirement = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(RetirementProcess.PROCESS_KEY).processInstanceBusinessKey(provided).singleResult().getId();
        assertThat(variable(retirement, RetirementProcess.Variables.RETIRE_ON_LABEL)).isEqualTo("09/05/2026");
        assertThat((String) variable(retirement, RetirementProcess.Variables.REASON)).contains(successor);
        assertThat(mailTo("operator@lgsp.hanoi.demo")).anyMatch(s -> s.endsWith("Đã chuyển giao kết nối của đơn vị " + merged));
    }

    @Test
    void aDissolvedBodyLosesItsGrantsSystemAndCredentialsAndItsExchangesEnd() {
        String dissolved = freshAgency("Ban quản lý giải thể");
        String service = publishedService();
        String client = consumer(dissolved, service, "v1", mailbox("dissolved"));
        systems.register(new AgencySystem(dissolved, "http://127.0.0.1:9/dissolved", true, null, false, true, 60));
        UUID delivered = exchange(JUSTICE, dissolved, "DELIVERED");

        agencies.close(dissolved, EFFECTIVE, Agency.ClosureReason.DISSOLVED, List.of(), "operator");
        String id = closureOf(dissolved);
        runAsync(id);
        assertThat(variable(id, ClosureProcess.Variables.TRANSFER_TO)).isEqualTo("");
        assertThatThrownBy(() -> complete(id, Map.of("transferConfirmed", true, "transferTo", JUSTICE)))
                .hasMessageContaining("transferTo");
        complete(id, Map.of("transferConfirmed", true, "transferTo", ""));
        fireAtItsTime(id, "Timer_Effective");

        assertThat(instance(id)).isNull();
        assertThat(grants.activeOf(dissolved, service)).isEmpty();
        assertThat(grants.list(dissolved)).allMatch(g -> g.reason() != null && g.reason().contains("dissolved"));
        assertThat(systems.find(dissolved)).isEmpty();
        assertThat(keycloak.clientEnabled(client)).isFalse();
        assertThat(jdbc.queryForMap("select status, failure_reason from lgsp.exchange where id = ?", delivered))
                .containsEntry("status", "CANCELLED")
                .hasEntrySatisfying("failure_reason", r -> assertThat(r.toString()).contains("no successor"));
    }

    @Test
    void aLateConfirmationIsReportedToDostLeadersAndStaysOpen() {
        String renamed = freshAgency("Sở đổi tên");
        String successor = freshAgency("Sở tên mới");
        agencies.close(renamed, EFFECTIVE, Agency.ClosureReason.RENAMED, List.of(successor), "operator");
        String id = closureOf(renamed);
        runAsync(id);

        fireAtItsTime(id, "Timer_ConfirmOverdue");

        assertThat(instance(id)).isWaitingAt("Task_DostConfirms");
        assertThat(mailTo("leader@lgsp.hanoi.demo")).anyMatch(s -> s.endsWith("Quá hạn xác nhận chuyển giao của đơn vị " + renamed));
    }

    /** A level-3 body under the ward, on a code no earlier run has taken. */
    private String freshAgency(String name) {
        for (String parent : List.of("61", "13", "14", "12")) {
            for (int n = 1; n < 100; n++) {
                String code = String.format("000.%02d.%s.H26", n, parent);
                if (agencies.find(code).isEmpty()) {
                    agencies.register(new AgencyRegistry.NewAgency(code, name + " " + code, null, LocalDate.of(2024, 1, 1)),
                            "test");
                    return code;
                }
            }
        }
        throw new IllegalStateException("no free test agency code left");
    }

    private String serviceOf(String provider) {
        String code = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        return PublishedServices.publish(catalog, new ServiceCatalog.NewService(code, "Dịch vụ của " + provider, "Mô tả", provider,
                DataClassification.PUBLIC, "v1", "http://127.0.0.1:9/api", "{\"openapi\":\"3.0.0\"}", null, List.of(),
                null));
    }

    /** An exchange row as the record-exchange process leaves it at that status, with content while undelivered. */
    private UUID exchange(String source, String destination, String status) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into lgsp.exchange (id, source_code, idempotency_key, request_hash, destination_code, procedure_code,
                    content_type, content_sha256, content_bytes, signed, applicant_present, status)
                values (?, ?, ?, ?, ?, '1.001234', 'application/xml', ?, 10, false, false, ?)""",
                id, source, id.toString(), "0".repeat(64), destination, "0".repeat(64), status);
        if (!status.equals("DELIVERED")) {
            jdbc.update("insert into lgsp.exchange_content (exchange_id, content) values (?, ?)", id, new byte[10]);
        }
        return id;
    }

    private String closureOf(String agency) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(ClosureProcess.PROCESS_KEY)
                .processInstanceBusinessKey(agency).singleResult().getId();
    }

    private String tokenOf(String client) throws Exception {
        // a token issued in the second the old ones were revoked would be refused by the platform, not by Keycloak
        var credentials = keycloak.agencyCredentials(client, "production").orElseThrow();
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(client, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(credentials.clientSecret(), StandardCharsets.UTF_8);
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(credentials.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return json.readTree(reply.body()).path("access_token").asText();
    }

    private String claim(String jwt, String name) throws Exception {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return json.readTree(payload).path(name).asText();
    }
}
