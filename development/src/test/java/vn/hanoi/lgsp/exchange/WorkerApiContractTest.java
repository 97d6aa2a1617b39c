package vn.hanoi.lgsp.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import vn.hanoi.lgsp.support.Api;
import vn.hanoi.lgsp.support.Keycloak;
import vn.hanoi.lgsp.support.PlatformTest;
import vn.hanoi.lgsp.workercontract.WorkerApi;

/**
 * R-05 (Đ7.5): the worker API answers exactly the contract's records — read strictly, an unknown or
 * renamed field fails here, before a workers process of another version would misread it.
 */
class WorkerApiContractTest extends PlatformTest {

    @Value("${lgsp.workers.client-secret}")
    String workersSecret;

    @Test
    void theWorkerApiAnswersTheContractsRecordsAndNothingElse() throws Exception {
        RecordExchangeTest.Record record = RecordExchangeTest.Record.text("Hồ sơ hợp đồng " + UUID.randomUUID(),
                RecordExchangeTest.HOAN_KIEM_WARD);
        String id = RecordExchangeTest.accepted(api.post("/api/v1/exchanges", keycloak.clientToken(Keycloak.JUSTICE_SYSTEM),
                record.json(), RecordExchangeTest.key()));
        String workers = keycloak.clientToken("lgsp-workers", workersSecret);

        ObjectMapper strict = new ObjectMapper().findAndRegisterModules()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        Api.Reply answer = api.get(WorkerApi.PATH + "/" + id, workers);
        assertThat(answer.status()).isEqualTo(200);
        WorkerApi.Delivery delivery = strict.treeToValue(answer.body(), WorkerApi.Delivery.class);
        assertThat(delivery.exchangeId()).isEqualTo(id);
        assertThat(delivery.source()).isEqualTo(RecordExchangeTest.JUSTICE);
        assertThat(delivery.sha256()).isEqualTo(record.sha256());
        assertThat(delivery.destinationSystem().audienceScope()).isEqualTo("lgsp-agency-" + RecordExchangeTest.HOAN_KIEM_WARD);
    }
}
