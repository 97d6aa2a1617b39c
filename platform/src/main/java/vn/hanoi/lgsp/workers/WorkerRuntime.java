package vn.hanoi.lgsp.workers;

import vn.hanoi.lgsp.platform.NationalPlatformSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.backoff.ExponentialBackoffStrategy;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import vn.hanoi.lgsp.workercontract.NdxpRecords;
import vn.hanoi.lgsp.workercontract.PostalProcess;
import vn.hanoi.lgsp.workercontract.RecordExchangeProcess.Topics;
import vn.hanoi.lgsp.http.OutboundTokens;

/**
 * The external-task client of this process: long-polls the engine's REST API with the
 * workers' Keycloak token and runs the handlers. It talks HTTP even to an engine in the same
 * JVM, so workers scale out as separate processes without a change.
 * <p>
 * Built here rather than with the client starter's {@code @ExternalTaskSubscription}: the engine's
 * address is known only once this process's web server has its port (an engine in the same JVM on
 * a free port), which topics are subscribed depends on which national platforms are configured,
 * and every handler runs on one bounded pool with the report re-sent after a lost connection
 * ({@link SteadyTaskService}); the starter opens its subscriptions at context refresh, from a fixed
 * {@code camunda.bpm.client.base-url}.
 */
final class WorkerRuntime implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkerRuntime.class);

    private final WorkerSettings settings;
    private final NationalPlatformSettings national;
    private final String keycloakTokenUrl;
    private final ObjectMapper json;
    private volatile ExternalTaskClient client;
    private ExecutorService pool;
    private Semaphore slots;

    WorkerRuntime(WorkerSettings settings, NationalPlatformSettings national, String keycloakTokenUrl, ObjectMapper json) {
        this.settings = settings;
        this.national = national;
        this.keycloakTokenUrl = keycloakTokenUrl;
        this.json = json;
    }

    private volatile ApplicationReadyEvent ready;

    @EventListener(ApplicationReadyEvent.class)
    synchronized void startPolling(ApplicationReadyEvent ready) {
        this.ready = ready;
        if (client != null) {
            return;
        }
        String ownUrl = ready.getApplicationContext() instanceof WebServerApplicationContext web
                ? "http://127.0.0.1:" + web.getWebServer().getPort() : null;
        if (ownUrl == null && (blank(settings.engineRestUrl()) || blank(settings.platformUrl()))) {
            throw new IllegalStateException("A workers process on its own needs lgsp.workers.engine-rest-url and "
                    + "lgsp.workers.platform-url: there is no engine in this process to default to");
        }
        String engineRest = blank(settings.engineRestUrl()) ? ownUrl + "/engine-rest" : settings.engineRestUrl();
        String platformUrl = blank(settings.platformUrl()) ? ownUrl : settings.platformUrl();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        // the platform's own API hands out whole records; peers' answers are small and bounded
        ObjectMapper recordJson = json.copy();
        recordJson.getFactory().setStreamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                .maxStringLength(JsonHttp.MAX_PLATFORM_ANSWER).build());
        JsonHttp platformHttp = new JsonHttp(http, recordJson, settings.requestTimeout(), JsonHttp.MAX_PLATFORM_ANSWER);
        JsonHttp jsonHttp = new JsonHttp(http, json, settings.requestTimeout(), JsonHttp.MAX_PEER_ANSWER);
        OutboundTokens tokens = new OutboundTokens();
        AccessTokens workerTokens = new AccessTokens(tokens, "workers", new OutboundTokens.Client(keycloakTokenUrl,
                settings.clientId(), settings.clientSecret(), OutboundTokens.CredentialStyle.FORM, null));
        java.util.function.Function<String, AccessTokens> outboundTokens = scope -> new AccessTokens(tokens,
                "outbound:" + scope, new OutboundTokens.Client(keycloakTokenUrl, settings.outboundClientId(),
                settings.outboundClientSecret(), OutboundTokens.CredentialStyle.FORM, java.util.Set.of(scope)));
        PlatformApi platform = new PlatformApi(platformHttp, workerTokens, outboundTokens, platformUrl);

        pool = Executors.newFixedThreadPool(settings.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "lgsp-worker");
            thread.setDaemon(true);
            return thread;
        });
        slots = new Semaphore(settings.concurrency());
        ExternalTaskClient created = ExternalTaskClient.create()
                .baseUrl(engineRest)
                .workerId("lgsp-worker-" + UUID.randomUUID().toString().substring(0, 8))
                .maxTasks(settings.maxTasks())
                .asyncResponseTimeout(settings.longPoll().toMillis())
                .lockDuration(settings.lockDuration().toMillis())
                .backoffStrategy(new ExponentialBackoffStrategy(500, 2, 10_000))
                .addInterceptor(request -> {
                    try {
                        request.addHeader("Authorization", "Bearer " + workerTokens.get());
                    } catch (java.io.IOException e) {
                        log.warn("No worker token from Keycloak: {}", e.getMessage());
                    }
                })
                .build();
        subscribe(created, Topics.DELIVER_LOCAL, new DeliverLocalHandler(platform, jsonHttp));
        NationalPlatformSettings.Endpoint ndxp = national.ndxp();
        NdxpRecordReturn ndxpReturn = null;
        if (ndxp != null && ndxp.configured()) {
            AccessTokens ndxpTokens = new AccessTokens(tokens, "ndxp", new OutboundTokens.Client(ndxp.url() + "/token",
                    ndxp.consumerKey(), ndxp.consumerSecret(), OutboundTokens.CredentialStyle.BASIC, null));
            // records that came in through NDXP report their receipt and outcome back the same way
            ndxpReturn = new NdxpRecordReturn(jsonHttp, ndxpTokens, ndxp.url(), settings.nationalRetryBackoff());
            subscribe(created, NdxpRecords.Topics.REPORT_RECEIPT, new NdxpReceiptHandler(platform, ndxpReturn));
            subscribe(created, Topics.NDXP_SEND, new NdxpSendHandler(platform, jsonHttp, ndxpTokens, ndxp.url()));
            // VNPost and the national tracking of dossiers are reached through NDXP
            NdxpPostal postal = new NdxpPostal(jsonHttp, ndxpTokens, ndxp.url());
            subscribe(created, PostalProcess.Topics.ORDER, new VnpostOrderHandler(platform, postal, settings.nationalRetryBackoff()));
            subscribe(created, PostalProcess.Topics.NOTIFY_STATUS, new PostalNotifyHandler(platform, jsonHttp, postal));
            subscribe(created, PostalProcess.Topics.REPORT_RECEIPT, new VnpostReceiptHandler(platform, postal, settings.nationalRetryBackoff()));
        } else {
            log.warn("No NDXP configured (lgsp.national.ndxp.url): records for outside the city wait for a worker that has one");
        }
        NdxpRecordReturn throughNdxp = ndxpReturn;
        subscribe(created, Topics.NOTIFY_SOURCE, new NotifySourceHandler(platform, jsonHttp, () -> throughNdxp));
        NationalPlatformSettings.Endpoint vdxp = national.vdxp();
        if (vdxp != null && vdxp.configured()) {
            AccessTokens vdxpTokens = new AccessTokens(tokens, "vdxp", new OutboundTokens.Client(vdxp.url() + "/token",
                    vdxp.consumerKey(), vdxp.consumerSecret(), OutboundTokens.CredentialStyle.BASIC, null));
            subscribe(created, Topics.VERIFY_IDENTITY, new VerifyIdentityHandler(platform, jsonHttp, vdxpTokens, vdxp.url()));
        } else {
            log.warn("No VDXP configured (lgsp.national.vdxp.url): identity checks wait for a worker that has one");
        }
        client = created;
        log.info("Workers polling {}", engineRest);
    }

    private void subscribe(ExternalTaskClient client, String topic, ExternalTaskHandler handler) {
        client.subscribe(topic).lockDuration(settings.lockDuration().toMillis())
                .handler(new ConcurrentHandler(handler, pool, slots)).open();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public void start() {
        // the first start waits for the web server (startPolling); a restart after stop() polls again at once
        ApplicationReadyEvent started = ready;
        if (started != null) {
            startPolling(started);
        }
    }

    @Override
    public void stop() {
        ExternalTaskClient c = client;
        if (c != null) {
            c.stop();
            client = null;
        }
        if (pool != null) {
            pool.shutdown();
            try {
                pool.awaitTermination(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return client != null;
    }

    @Override
    public int getPhase() {
        // stop polling before the web server and the engine go away
        return Integer.MAX_VALUE;
    }
}
