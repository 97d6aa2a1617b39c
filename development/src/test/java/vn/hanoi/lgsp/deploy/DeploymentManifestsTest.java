package vn.hanoi.lgsp.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * R-05, R-23 (Đ7.5, Đ11.6), the production topology as files: {@code deploy/k8s} rendered offline the way
 * Kustomize would and read as Kubernetes API objects, so a misspelt field fails the build; the
 * operators' custom resources carry the fields the installation relies on; the Prometheus rules
 * use only metrics the platform publishes; the systemd units carry the same settings and their
 * hardening. No cluster, no network: files only.
 */
class DeploymentManifestsTest {

    static final Path BASE = Path.of("deploy/k8s/base");
    static final String IMAGE = "registry.lgsp.hanoi.gov.vn/lgsp/lgsp-platform:1.0.0";
    /** The platform's roles in production (README, "Process topology"); simulators are refused there. */
    static final Set<String> ROLES = Set.of("engine", "workers");

    static final ObjectMapper YAML = new YAMLMapper();
    /**
     * Unknown fields fail: fabric8's "additionalProperties" catch-all is taken away. The model is
     * read through its Jackson annotations; its two scalar types (a quantity such as {@code 3Gi},
     * a port given by number or name) are written back as the API writes them.
     */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(new SimpleModule()
                    .addSerializer(Quantity.class, new StdSerializer<>(Quantity.class) {
                        @Override
                        public void serialize(Quantity quantity, JsonGenerator json, SerializerProvider provider)
                                throws IOException {
                            json.writeString(quantity.getAmount() + Objects.toString(quantity.getFormat(), ""));
                        }
                    })
                    .addSerializer(IntOrString.class, new StdSerializer<>(IntOrString.class) {
                        @Override
                        public void serialize(IntOrString value, JsonGenerator json, SerializerProvider provider)
                                throws IOException {
                            if (value.getIntVal() != null) {
                                json.writeNumber(value.getIntVal());
                            } else {
                                json.writeString(value.getStrVal());
                            }
                        }
                    })
                    .setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
                                                             BeanDeserializerBuilder builder) {
                    builder.setAnySetter(null);
                    builder.setIgnoreUnknownProperties(false);
                    return builder;
                }
            }))
            .build();

    /** The core kinds the manifests may use, each with its class in the Kubernetes API model. */
    static final Map<String, Class<?>> CORE = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/Service", Service.class,
            "v1/Secret", Secret.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);

    /**
     * The operators' kinds (their CRD schemas are not at hand offline): the fields of {@code spec}
     * these manifests may set, as the operators' CRDs name them (CloudNativePG 1.27 with the
     * Barman Cloud plugin, ECK 3, the Keycloak operator 26). Any other field is a typo.
     */
    static final Map<String, Set<String>> OPERATOR_SPEC_FIELDS = Map.of(
            "postgresql.cnpg.io/v1/Cluster", Set.of("instances", "imageName", "primaryUpdateStrategy",
                    "primaryUpdateMethod", "enableSuperuserAccess", "bootstrap", "postgresql", "storage", "walStorage",
                    "resources", "affinity", "plugins", "monitoring", "certificates", "description"),
            "postgresql.cnpg.io/v1/ScheduledBackup", Set.of("schedule", "immediate", "backupOwnerReference", "cluster",
                    "method", "pluginConfiguration", "suspend", "target"),
            "barmancloud.cnpg.io/v1/ObjectStore", Set.of("configuration", "retentionPolicy", "instanceSidecarConfiguration"),
            "elasticsearch.k8s.elastic.co/v1/Elasticsearch", Set.of("version", "image", "http", "auth", "secureSettings",
                    "nodeSets", "transport", "updateStrategy", "podDisruptionBudget"),
            "k8s.keycloak.org/v2alpha1/Keycloak", Set.of("instances", "image", "hostname", "http", "proxy", "ingress",
                    "db", "additionalOptions", "resources", "features", "transaction", "truststores", "scheduling"),
            "k8s.keycloak.org/v2alpha1/KeycloakRealmImport", Set.of("keycloakCRName", "realm", "placeholders",
                    "resources"));

    /** Numbers by value (the model holds some as long, the file as int); everything else as it is. */
    static final java.util.Comparator<JsonNode> SAME_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    record Manifest(String file, JsonNode node) {
        String type() {
            return node.path("apiVersion").asText() + "/" + node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        <T> T as(Class<T> type) {
            try {
                return STRICT.treeToValue(node, type);
            } catch (IOException e) {
                throw new AssertionError(file + ": " + type() + " " + name() + " is not a valid " + type.getSimpleName()
                        + ": " + e.getMessage(), e);
            }
        }
    }

    static List<Manifest> manifests;

    @BeforeAll
    static void render() throws IOException {
        manifests = render(BASE);
    }

    /**
     * What {@code kustomize build} makes of the base: every resource file listed, each document of
     * it, in the kustomization's namespace with its labels. Fields the renderer does not know fail,
     * so nothing of the kustomization is silently left out here.
     */
    static List<Manifest> render(Path dir) throws IOException {
        JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        Set<String> known = Set.of("apiVersion", "kind", "namespace", "labels", "resources");
        kustomization.fieldNames().forEachRemaining(field -> assertThat(known)
                .as("kustomization field this test renders").contains(field));
        assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
        String namespace = kustomization.path("namespace").asText();
        Map<String, String> labels = new LinkedHashMap<>();
        kustomization.path("labels").forEach(set -> set.path("pairs").fields()
                .forEachRemaining(pair -> labels.put(pair.getKey(), pair.getValue().asText())));
        List<Manifest> rendered = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path file = dir.resolve(resource.asText());
            assertThat(file).as("resource listed in the kustomization").isRegularFile();
            try (var parser = new YAMLFactory().createParser(file.toFile())) {
                for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
                    if (document == null || document.isNull() || document.isEmpty()) {
                        continue;
                    }
                    ObjectNode metadata = (ObjectNode) document.path("metadata");
                    if (!"Namespace".equals(document.path("kind").asText())) {
                        metadata.put("namespace", namespace);
                    }
                    ObjectNode documentLabels = metadata.has("labels") ? (ObjectNode) metadata.get("labels")
                            : metadata.putObject("labels");
                    labels.forEach(documentLabels::put);
                    rendered.add(new Manifest(BASE.relativize(file).toString(), document));
                }
            }
        }
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> !f.equals("kustomization.yaml")))
                    .as("every file of the base is listed in its kustomization").allMatch(listed::contains);
        }
        return rendered;
    }

    static List<Manifest> ofType(String type) {
        return manifests.stream().filter(m -> m.type().equals(type)).toList();
    }

    static Map<String, Deployment> roles() {
        return ofType("apps/v1/Deployment").stream().map(m -> m.as(Deployment.class)).collect(Collectors.toMap(
                d -> d.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/component"), d -> d));
    }

    static ConfigMap configOf(Deployment deployment) {
        String name = container(deployment).getEnvFrom().get(0).getConfigMapRef().getName();
        return ofType("v1/ConfigMap").stream().filter(m -> m.name().equals(name)).findFirst()
                .map(m -> m.as(ConfigMap.class)).orElseThrow(() -> new AssertionError("no ConfigMap " + name));
    }

    static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void everyDocumentIsAKubernetesObjectOrAKnownOperatorsResource() {
        assertThat(manifests).isNotEmpty();
        for (Manifest manifest : manifests) {
            Class<?> model = CORE.get(manifest.type());
            if (model != null) {
                Object object = manifest.as(model);
                // what the model read is what the file says: nothing dropped, nothing of the wrong type
                JsonNode back = STRICT.valueToTree(object);
                assertThat(back.equals(SAME_VALUE, manifest.node()))
                        .as(manifest.file() + " " + manifest.name() + " read back as\n" + back).isTrue();
            } else {
                Set<String> fields = OPERATOR_SPEC_FIELDS.get(manifest.type());
                assertThat(fields).as(manifest.file() + ": " + manifest.type() + " is neither a core kind nor an "
                        + "operator's kind this test knows").isNotNull();
                Set<String> used = new TreeSet<>();
                manifest.node().path("spec").fieldNames().forEachRemaining(used::add);
                assertThat(fields).as(manifest.file() + " " + manifest.name() + ": spec fields").containsAll(used);
                Set<String> top = new TreeSet<>();
                manifest.node().fieldNames().forEachRemaining(top::add);
                assertThat(Set.of("apiVersion", "kind", "metadata", "spec")).containsAll(top);
            }
        }
    }

    @Test
    void eachRoleOfTheReadmeIsADeploymentWithItsPodDisruptionBudgetAndNetworkPolicy() {
        Map<String, Deployment> roles = roles();
        assertThat(roles.keySet()).isEqualTo(ROLES);
        List<PodDisruptionBudget> budgets = ofType("policy/v1/PodDisruptionBudget").stream()
                .map(m -> m.as(PodDisruptionBudget.class)).toList();
        List<NetworkPolicy> policies = ofType("networking.k8s.io/v1/NetworkPolicy").stream()
                .map(m -> m.as(NetworkPolicy.class)).toList();
        roles.forEach((role, deployment) -> {
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).containsEntry("app.kubernetes.io/component", role);
            assertThat(deployment.getSpec().getReplicas()).as(role + " replicas").isGreaterThanOrEqualTo(2);
            assertThat(budgets).as("a PodDisruptionBudget for " + role).anySatisfy(budget -> {
                assertThat(selects(budget.getSpec().getSelector(), podLabels)).isTrue();
                assertThat(budget.getSpec().getMinAvailable() != null || budget.getSpec().getMaxUnavailable() != null)
                        .isTrue();
            });
            assertThat(policies).as("a NetworkPolicy of its own for " + role).anySatisfy(policy -> {
                assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNotEmpty();
                assertThat(selects(policy.getSpec().getPodSelector(), podLabels)).isTrue();
                assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            });
            // the rolling update never takes a role below its replicas
            assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
                    .isZero();
        });
    }

    @Test
    void aDefaultDenyPolicyCoversTheWholeNamespace() {
        assertThat(ofType("networking.k8s.io/v1/NetworkPolicy").stream().map(m -> m.as(NetworkPolicy.class)))
                .anySatisfy(policy -> {
                    assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
                    assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
                    assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
                    assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
                    assertThat(policy.getSpec().getEgress()).isNullOrEmpty();
                });
    }

    @Test
    void everyContainerHasResourcesAndRunsUnprivilegedOnAReadOnlyRoot() {
        roles().forEach((role, deployment) -> {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(role).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(role + ": the image's user").isEqualTo(10001L);
            assertThat(pod.getAutomountServiceAccountToken()).as(role + ": no API token").isFalse();
            assertThat(pod.getContainers()).as(role).hasSize(1);
            for (Container container : pod.getContainers()) {
                String what = role + "/" + container.getName();
                assertThat(container.getImage()).as(what).isEqualTo(IMAGE);
                assertThat(container.getResources().getRequests()).as(what + " requests").containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(what + " limits").containsKey("memory");
                var security = container.getSecurityContext();
                assertThat(security.getReadOnlyRootFilesystem()).as(what).isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).as(what).isFalse();
                assertThat(security.getRunAsNonRoot()).as(what).isTrue();
                assertThat(security.getCapabilities().getDrop()).as(what).containsExactly("ALL");
                assertThat(security.getPrivileged()).as(what).isNotEqualTo(Boolean.TRUE);
                String tmpVolume = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                        .map(m -> m.getName()).findFirst().orElseThrow(() -> new AssertionError(what + ": no /tmp"));
                assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals(tmpVolume))
                        .singleElement().satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
            }
            // the JVM sized by the container, and time to drain before it is killed
            String jvm = configOf(deployment).getData().get("JAVA_TOOL_OPTIONS");
            assertThat(jvm).as(role).contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError");
            Duration phase = Duration.parse("PT" + configOf(deployment).getData()
                    .get("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE").toUpperCase());
            assertThat(pod.getTerminationGracePeriodSeconds()).as(role + " grace period")
                    .isGreaterThan(phase.toSeconds() + 10);
        });
    }

    @Test
    void whatServesHttpIsProbedOnTheHealthGroupsAndTheWorkersServeNothing() {
        Map<String, Deployment> roles = roles();
        Container engine = container(roles.get("engine"));
        assertThat(configOf(roles.get("engine")).getData())
                .containsEntry("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true")
                .containsEntry("LGSP_ROLES", "engine")
                .containsEntry("LGSP_BIND_ADDRESS", "0.0.0.0");
        String port = configOf(roles.get("engine")).getData().get("PORT");
        assertThat(engine.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("https");
            assertThat(p.getContainerPort()).isEqualTo(Integer.valueOf(port));
        });
        assertProbe(engine.getStartupProbe(), "/actuator/health/liveness");
        assertProbe(engine.getLivenessProbe(), "/actuator/health/liveness");
        assertProbe(engine.getReadinessProbe(), "/actuator/health/readiness");
        assertThat(engine.getStartupProbe().getFailureThreshold() * engine.getStartupProbe().getPeriodSeconds())
                .as("time for Flyway and Camunda's schema on a first start").isGreaterThanOrEqualTo(300);
        assertThat(engine.getLifecycle().getPreStop().getSleep().getSeconds()).isPositive();

        // a workers process starts no web server (WorkerApplication): nothing to probe, no port
        Container workers = container(roles.get("workers"));
        assertThat(configOf(roles.get("workers")).getData()).containsEntry("LGSP_ROLES", "workers");
        assertThat(workers.getPorts()).isNullOrEmpty();
        assertThat(workers.getLivenessProbe()).isNull();
        assertThat(workers.getReadinessProbe()).isNull();

        Service service = ofType("v1/Service").stream().filter(m -> m.name().equals("lgsp-engine")).findFirst()
                .orElseThrow().as(Service.class);
        assertThat(service.getSpec().getSelector())
                .isEqualTo(roles.get("engine").getSpec().getTemplate().getMetadata().getLabels());
        assertThat(configOf(roles.get("workers")).getData().get("LGSP_WORKERS_ENGINE_REST_URL"))
                .as("between the platform's own processes too, TLS (App1 §2.1)").startsWith("https://lgsp-engine:" + port + "/");
        assertThat(configOf(roles.get("engine")).getData()).containsKeys("SERVER_SSL_CERTIFICATE",
                "SERVER_SSL_CERTIFICATE_PRIVATE_KEY", "LGSP_TLS_TRUSTED_CERTIFICATES");
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("https");
        assertThat(probe.getHttpGet().getScheme()).isEqualTo("HTTPS");
    }

    @Test
    void noSecretIsWrittenInTheManifestsAndTheKeyFilesAreMountedFromSecrets() {
        assertThat(ofType("v1/Secret")).as("Secrets are made in the cluster, never kept in these files").isEmpty();
        Pattern secretName = Pattern.compile("SECRET|PASSWORD|PASSWD|TOKEN|HASH_KEY|CONSUMER_KEY|CREDENTIAL");
        for (Manifest manifest : ofType("v1/ConfigMap")) {
            manifest.as(ConfigMap.class).getData().forEach((key, value) -> assertThat(secretName.matcher(key).find())
                    .as(manifest.name() + ": " + key + " belongs in a Secret").isFalse());
        }
        roles().forEach((role, deployment) -> {
            for (EnvVar env : container(deployment).getEnv()) {
                if (secretName.matcher(env.getName()).find()) {
                    assertThat(env.getValue()).as(role + ": " + env.getName() + " inline").isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef()).as(role + ": " + env.getName()).isNotNull();
                }
            }
        });
        Deployment engine = roles().get("engine");
        Map<String, String> config = configOf(engine).getData();
        for (String setting : List.of("LGSP_EXCHANGE_MASTER_KEY_FILE", "LGSP_AUDIT_SIGNING_KEY_FILE")) {
            Path file = Path.of(config.get(setting));
            var mount = container(engine).getVolumeMounts().stream()
                    .filter(m -> file.getParent().equals(Path.of(m.getMountPath()))).findFirst()
                    .orElseThrow(() -> new AssertionError(setting + ": nothing mounted at " + file.getParent()));
            assertThat(mount.getReadOnly()).isTrue();
            Volume volume = engine.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            assertThat(volume.getSecret()).as(setting + " comes from a Secret").isNotNull();
            assertThat(volume.getSecret().getDefaultMode() & 0007).as("others read no key").isZero();
        }
    }

    @Test
    void theIngressServesOnlyTlsWithTheCitysCertificates() {
        List<Ingress> ingresses = ofType("networking.k8s.io/v1/Ingress").stream().map(m -> m.as(Ingress.class)).toList();
        assertThat(ingresses).isNotEmpty();
        for (Ingress ingress : ingresses) {
            Set<String> tlsHosts = ingress.getSpec().getTls().stream().peek(tls -> assertThat(tls.getSecretName())
                    .isNotBlank()).flatMap(tls -> tls.getHosts().stream()).collect(Collectors.toSet());
            ingress.getSpec().getRules().forEach(rule -> assertThat(tlsHosts).contains(rule.getHost()));
        }
        assertThat(ingresses).anySatisfy(ingress -> assertThat(ingress.getSpec().getRules()).anySatisfy(rule ->
                assertThat(rule.getHttp().getPaths()).anySatisfy(path ->
                        assertThat(path.getBackend().getService().getName()).isEqualTo("lgsp-engine"))));
    }

    @Test
    void theOperatorsResourcesCarryTheFieldsTheInstallationReliesOn() throws IOException {
        Map<String, String> engine = configOf(roles().get("engine")).getData();

        // PostgreSQL: every cluster archives its WAL and has a nightly backup into an object store
        List<Manifest> clusters = ofType("postgresql.cnpg.io/v1/Cluster");
        Set<String> stores = ofType("barmancloud.cnpg.io/v1/ObjectStore").stream().map(Manifest::name)
                .collect(Collectors.toSet());
        assertThat(clusters).extracting(Manifest::name).contains("lgsp-db", "keycloak-db");
        for (Manifest cluster : clusters) {
            JsonNode spec = cluster.node().path("spec");
            assertThat(spec.path("instances").asInt()).as(cluster.name()).isGreaterThanOrEqualTo(2);
            assertThat(spec.path("storage").path("size").asText()).isNotBlank();
            assertThat(spec.path("bootstrap").path("initdb").path("database").asText()).isNotBlank();
            JsonNode plugin = spec.path("plugins").path(0);
            assertThat(plugin.path("name").asText()).isEqualTo("barman-cloud.cloudnative-pg.io");
            assertThat(plugin.path("isWALArchiver").asBoolean()).as(cluster.name() + " archives its WAL").isTrue();
            assertThat(stores).contains(plugin.path("parameters").path("barmanObjectName").asText());
            assertThat(ofType("postgresql.cnpg.io/v1/ScheduledBackup")).as("a scheduled backup of " + cluster.name())
                    .anySatisfy(backup -> {
                        JsonNode b = backup.node().path("spec");
                        assertThat(b.path("cluster").path("name").asText()).isEqualTo(cluster.name());
                        assertThat(b.path("schedule").asText().split(" ")).as("six fields, seconds first").hasSize(6);
                        assertThat(b.path("method").asText()).isEqualTo("plugin");
                        assertThat(b.path("pluginConfiguration").path("name").asText()).isEqualTo(plugin.path("name").asText());
                    });
        }
        for (Manifest store : ofType("barmancloud.cnpg.io/v1/ObjectStore")) {
            JsonNode configuration = store.node().path("spec").path("configuration");
            assertThat(configuration.path("destinationPath").asText()).startsWith("s3://");
            assertThat(configuration.path("s3Credentials").path("accessKeyId").path("name").asText()).isNotBlank();
            assertThat(store.node().path("spec").path("retentionPolicy").asText()).matches("[1-9][0-9]*[dwm]");
        }
        assertThat(engine.get("SPRING_DATASOURCE_URL"))
                .startsWith("jdbc:postgresql://lgsp-db-rw:5432/").contains("sslmode=verify-full");

        // Elasticsearch: the version the platform is built against, HTTPS kept on
        Manifest search = ofType("elasticsearch.k8s.elastic.co/v1/Elasticsearch").stream().findFirst().orElseThrow();
        JsonNode es = search.node().path("spec");
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher version = Pattern.compile("<elasticsearch.server.version>([^<]+)<").matcher(pom);
        assertThat(version.find()).isTrue();
        assertThat(es.path("version").asText()).isEqualTo(version.group(1));
        assertThat(es.path("http").path("tls").path("selfSignedCertificate").path("disabled").asBoolean()).isFalse();
        assertThat(es.path("nodeSets")).isNotEmpty().allSatisfy(set -> {
            assertThat(set.path("name").asText()).isNotBlank();
            assertThat(set.path("count").asInt()).isPositive();
        });
        assertThat(engine.get("SPRING_ELASTICSEARCH_URIS")).isEqualTo("https://" + search.name() + "-es-http:9200");

        // Keycloak: the issuer the platform checks, HTTPS, its own database
        Manifest keycloak = ofType("k8s.keycloak.org/v2alpha1/Keycloak").stream().findFirst().orElseThrow();
        JsonNode kc = keycloak.node().path("spec");
        assertThat(kc.path("hostname").path("hostname").asText()).isEqualTo(engine.get("LGSP_KEYCLOAK_URL"));
        assertThat(kc.path("http").path("tlsSecret").asText()).isNotBlank();
        assertThat(kc.path("http").path("httpEnabled").asBoolean()).isFalse();
        assertThat(kc.path("db").path("vendor").asText()).isEqualTo("postgres");
        assertThat(kc.path("db").path("host").asText()).isEqualTo("keycloak-db-rw");
        assertThat(kc.path("db").path("usernameSecret").path("name").asText()).isNotBlank();
        assertThat(kc.path("db").path("passwordSecret").path("name").asText()).isNotBlank();

        // the production realms, as deploy/keycloak has them
        Map<String, JsonNode> imports = ofType("k8s.keycloak.org/v2alpha1/KeycloakRealmImport").stream()
                .peek(m -> assertThat(m.node().path("spec").path("keycloakCRName").asText()).isEqualTo(keycloak.name()))
                .collect(Collectors.toMap(m -> m.node().path("spec").path("realm").path("realm").asText(),
                        m -> m.node().path("spec").path("realm")));
        ObjectMapper json = new ObjectMapper();
        for (String realm : List.of("lgsp", "congdan")) {
            assertThat(imports.get(realm)).as("realm " + realm)
                    .isEqualTo(json.readTree(Path.of("deploy/keycloak/" + realm + "-realm-production.json").toFile()));
        }
    }

    @Test
    void theNetworkPoliciesNameTheServersThatExist() {
        Set<String> clusters = ofType("postgresql.cnpg.io/v1/Cluster").stream().map(Manifest::name)
                .collect(Collectors.toSet());
        Set<String> searches = ofType("elasticsearch.k8s.elastic.co/v1/Elasticsearch").stream().map(Manifest::name)
                .collect(Collectors.toSet());
        Set<String> keycloaks = ofType("k8s.keycloak.org/v2alpha1/Keycloak").stream().map(Manifest::name)
                .collect(Collectors.toSet());
        for (Manifest manifest : ofType("networking.k8s.io/v1/NetworkPolicy")) {
            List<LabelSelector> selectors = new ArrayList<>();
            NetworkPolicy policy = manifest.as(NetworkPolicy.class);
            selectors.add(policy.getSpec().getPodSelector());
            Stream.concat(
                    policy.getSpec().getIngress() == null ? Stream.empty()
                            : policy.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream()),
                    policy.getSpec().getEgress() == null ? Stream.empty()
                            : policy.getSpec().getEgress().stream().flatMap(r -> r.getTo() == null ? Stream.empty()
                            : r.getTo().stream()))
                    .map(peer -> peer.getPodSelector()).filter(Objects::nonNull).forEach(selectors::add);
            for (LabelSelector selector : selectors) {
                Map<String, String> labels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
                check(labels, "cnpg.io/cluster", clusters, manifest);
                check(labels, "elasticsearch.k8s.elastic.co/cluster-name", searches, manifest);
                check(labels, "app.kubernetes.io/instance", keycloaks, manifest);
                if (labels.containsKey("app.kubernetes.io/component")) {
                    assertThat(ROLES).as(manifest.name()).contains(labels.get("app.kubernetes.io/component"));
                }
            }
        }
    }

    private static void check(Map<String, String> labels, String label, Set<String> names, Manifest policy) {
        if (labels.containsKey(label)) {
            assertThat(names).as(policy.name() + ": " + label).contains(labels.get(label));
        }
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        assertThat(selector.getMatchExpressions()).isNullOrEmpty();
        return selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()
                && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    // --- Prometheus rules ------------------------------------------------------------------

    static final Path RULES = Path.of("deploy/prometheus/lgsp-rules.yaml");
    /** Metrics every Spring Boot node or Prometheus itself publishes. */
    static final List<String> STANDARD = List.of("up", "jvm_", "process_", "http_server_requests_seconds_", "hikaricp_");
    static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan");

    @Test
    void theAlertingRulesAreWellFormed() throws IOException {
        JsonNode rules = YAML.readTree(RULES.toFile());
        assertThat(rules.path("groups")).isNotEmpty();
        Set<String> alerts = new LinkedHashSet<>();
        for (JsonNode group : rules.path("groups")) {
            assertThat(group.path("name").asText()).isNotBlank();
            assertThat(group.path("rules")).isNotEmpty();
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                assertThat(alert).as("alert name").matches("[A-Z][A-Za-z0-9]+");
                assertThat(alerts.add(alert)).as(alert + " once").isTrue();
                assertThat(rule.path("expr").asText()).as(alert).isNotBlank();
                assertThat(rule.path("for").asText()).as(alert + " for").matches("[0-9]+[smh]");
                assertThat(rule.path("labels").path("severity").asText()).as(alert).isIn("critical", "warning", "info");
                assertThat(rule.path("annotations").path("summary").asText()).as(alert).isNotBlank();
                assertThat(rule.path("annotations").path("description").asText()).as(alert).isNotBlank();
                Set<String> fields = new TreeSet<>();
                rule.fieldNames().forEachRemaining(fields::add);
                assertThat(Set.of("alert", "expr", "for", "labels", "annotations")).containsAll(fields);
            }
        }
        // the runbook says what to do for each
        String operations = Files.readString(Path.of("docs/operations.md"));
        assertThat(alerts).allSatisfy(alert -> assertThat(operations).contains(alert));
    }

    @Test
    void theAlertingRulesUseOnlyMetricsThePlatformPublishes() throws IOException {
        Set<String> published = platformMeters();
        assertThat(published).contains("lgsp_audit_commit_seconds_bucket", "lgsp_outbox_lag_seconds",
                "lgsp_transactions_total");
        for (JsonNode group : YAML.readTree(RULES.toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                for (String metric : metricNames(rule.path("expr").asText())) {
                    assertThat(published.contains(metric) || STANDARD.stream().anyMatch(s -> s.endsWith("_")
                            ? metric.startsWith(s) : metric.equals(s)))
                            .as(rule.path("alert").asText() + " uses " + metric + ", which nothing publishes").isTrue();
                }
            }
        }
    }

    @Test
    void promtoolAcceptsTheRulesWhereItIsInstalled() throws Exception {
        Path promtool = Stream.of("/usr/bin/promtool", "/usr/local/bin/promtool").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(promtool != null, "promtool is not installed (Debian: prometheus)");
        Process process = new ProcessBuilder(promtool.toString(), "check", "rules", RULES.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    /**
     * The names the platform's own meters have on {@code /actuator/prometheus}: every
     * {@code Timer}, {@code Counter} and {@code Gauge} built in the platform's code, under
     * Micrometer's Prometheus naming (dots to underscores, timers in seconds).
     */
    static Set<String> platformMeters() throws IOException {
        Pattern meter = Pattern.compile("(Timer|Counter|Gauge)\\.builder\\(\"([a-z0-9.]+)\"|\\bgauge\\(\"([a-z0-9.]+)\"");
        Set<String> names = new TreeSet<>();
        for (String root : List.of("platform/src/main/java")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = meter.matcher(Files.readString(file));
                    while (m.find()) {
                        String kind = m.group(1) == null ? "Gauge" : m.group(1);
                        String name = (m.group(2) == null ? m.group(3) : m.group(2)).replace('.', '_');
                        switch (kind) {
                            case "Timer" -> Stream.of("_count", "_sum", "_max", "_bucket")
                                    .forEach(suffix -> names.add(name + "_seconds" + suffix));
                            case "Counter" -> names.add(name + "_total");
                            default -> names.add(name);
                        }
                    }
                }
            }
        }
        return names;
    }

    /** The metric names an expression reads: what is left once strings, label matchers, ranges, functions and keywords are gone. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*\\}", "")
                .replaceAll("\\[[^\\]]*\\]", "")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
        Set<String> names = new TreeSet<>();
        Matcher token = Pattern.compile("(?<![0-9.])[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
        while (token.find()) {
            String rest = bare.substring(token.end()).stripLeading();
            if (!rest.startsWith("(") && !PROMQL_WORDS.contains(token.group().toLowerCase())) {
                names.add(token.group());
            }
        }
        return names;
    }

    @Test
    void metricNamesAreFoundInExpressions() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (le, instance) (rate(lgsp_audit_commit_seconds_bucket"
                + "{job=\"lgsp-engine\", code=~\"0.\"}[5m]))) > 0.2 or absent(up{job=\"x\"})"))
                .containsExactlyInAnyOrder("lgsp_audit_commit_seconds_bucket", "up");
    }

    // --- systemd ----------------------------------------------------------------------------

    static final Path SYSTEMD = Path.of("deploy/systemd");
    /** The keys these units may use; a misspelt one would be ignored by systemd with a warning only. */
    static final Set<String> UNIT_KEYS = Set.of("Description", "Documentation", "Wants", "After", "Requires");
    static final Set<String> SERVICE_KEYS = Set.of("Type", "User", "Group", "WorkingDirectory", "EnvironmentFile",
            "Environment", "LoadCredential", "ExecStart", "TimeoutStartSec", "KillSignal", "TimeoutStopSec",
            "SuccessExitStatus", "Restart", "RestartSec", "LimitNOFILE", "NoNewPrivileges", "ProtectSystem",
            "ProtectHome", "PrivateTmp", "PrivateDevices", "ReadWritePaths", "ProtectKernelTunables",
            "ProtectKernelModules", "ProtectKernelLogs", "ProtectControlGroups", "ProtectClock", "ProtectHostname",
            "ProtectProc", "RestrictAddressFamilies", "RestrictNamespaces", "RestrictRealtime", "RestrictSUIDSGID",
            "LockPersonality", "SystemCallArchitectures", "CapabilityBoundingSet", "AmbientCapabilities", "UMask");
    static final Set<String> INSTALL_KEYS = Set.of("WantedBy");
    static final Map<String, String> HARDENING = Map.of("NoNewPrivileges", "yes", "ProtectSystem", "strict",
            "ProtectHome", "yes", "PrivateTmp", "yes", "PrivateDevices", "yes", "CapabilityBoundingSet", "",
            "AmbientCapabilities", "", "RestrictSUIDSGID", "yes");

    /** A unit file as sections of keys, each key with its values in order. */
    static Map<String, Map<String, List<String>>> parseUnit(Path file) throws IOException {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        int number = 0;
        for (String line : Files.readAllLines(file)) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#") || text.startsWith(";")) {
                continue;
            }
            if (text.startsWith("[") && text.endsWith("]")) {
                current = sections.computeIfAbsent(text.substring(1, text.length() - 1), s -> new LinkedHashMap<>());
                continue;
            }
            int equals = text.indexOf('=');
            if (current == null || equals <= 0) {
                fail(file + ":" + number + " is neither a section nor key=value: " + line);
            }
            current.computeIfAbsent(text.substring(0, equals).strip(), k -> new ArrayList<>())
                    .add(text.substring(equals + 1).strip());
        }
        return sections;
    }

    static List<Path> units() throws IOException {
        try (Stream<Path> files = Files.list(SYSTEMD)) {
            return files.filter(f -> f.toString().endsWith(".service")).sorted().toList();
        }
    }

    @Test
    void eachRoleHasAHardenedSystemdUnitWithTheSameSettings() throws IOException {
        Map<String, Path> units = units().stream().collect(Collectors.toMap(
                f -> f.getFileName().toString().replaceFirst("^lgsp-", "").replaceFirst("@?\\.service$", ""), f -> f));
        assertThat(units.keySet()).isEqualTo(ROLES);
        for (Map.Entry<String, Path> unit : units.entrySet()) {
            String role = unit.getKey();
            Map<String, Map<String, List<String>>> sections = parseUnit(unit.getValue());
            assertThat(sections.keySet()).containsExactly("Unit", "Service", "Install");
            assertThat(UNIT_KEYS).containsAll(sections.get("Unit").keySet());
            assertThat(SERVICE_KEYS).as(unit.getValue() + " [Service] keys").containsAll(sections.get("Service").keySet());
            assertThat(INSTALL_KEYS).containsAll(sections.get("Install").keySet());
            Map<String, List<String>> service = sections.get("Service");
            assertThat(service.get("ExecStart")).singleElement().asString().contains("-jar /opt/lgsp/lgsp-platform.jar");
            assertThat(service.get("User")).containsExactly("lgsp");
            HARDENING.forEach((key, value) -> assertThat(service.get(key)).as(role + " " + key).containsExactly(value));
            assertThat(Integer.parseInt(service.get("TimeoutStopSec").get(0))).as(role + " drains")
                    .isGreaterThanOrEqualTo(60);
            assertThat(service.get("EnvironmentFile")).contains("/etc/lgsp/" + role + ".env");

            // the example settings file of the role: the same role, the same JVM habits, nothing secret
            Map<String, String> env = envFile(SYSTEMD.resolve(role + ".env"));
            assertThat(env).containsEntry("LGSP_ROLES", role);
            assertThat(env.get("JAVA_TOOL_OPTIONS")).contains("-XX:+ExitOnOutOfMemoryError");
            assertThat(env.keySet()).noneMatch(k -> k.matches(".*(SECRET|PASSWORD|CONSUMER_KEY|HASH_KEY).*"));
            Map<String, String> secrets = envFile(SYSTEMD.resolve(role + ".secrets.env.example"));
            assertThat(secrets).isNotEmpty().allSatisfy((k, v) -> assertThat(v).as(k + " left empty").isEmpty());
            // every secret the Kubernetes role reads is named for the VM as well
            Set<String> fromSecrets = container(roles().get(role)).getEnv().stream()
                    .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .map(EnvVar::getName).collect(Collectors.toSet());
            assertThat(secrets.keySet()).as(role).containsAll(fromSecrets);
            // and every setting it has from its ConfigMap, but for the cluster's own addresses
            assertThat(env.keySet()).as(role + " settings as on Kubernetes")
                    .containsAll(configOf(roles().get(role)).getData().keySet().stream()
                            .filter(k -> !k.endsWith("_KEY_FILE") && !k.startsWith("MANAGEMENT_ENDPOINT_HEALTH_PROBES"))
                            .toList());
        }
        Map<String, List<String>> engine = parseUnit(units.get("engine")).get("Service");
        assertThat(engine.get("LoadCredential")).containsExactlyInAnyOrder(
                "master-key:/etc/lgsp/keys/master-key", "journal-signing-key:/etc/lgsp/keys/journal-signing-key");
        assertThat(engine.get("Environment")).contains("LGSP_EXCHANGE_MASTER_KEY_FILE=%d/master-key",
                "LGSP_AUDIT_SIGNING_KEY_FILE=%d/journal-signing-key");
    }

    static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            assertThat(equals).as(file + ": " + line).isPositive();
            values.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return values;
    }

    @Test
    void systemdAnalyzeAcceptsTheUnitsWhereItIsInstalled() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        Assumptions.assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
        Path dir = Files.createTempDirectory("lgsp-units");
        try {
            List<String> command = new ArrayList<>(List.of(analyze.toString(), "verify"));
            for (Path unit : units()) {
                Path copy = Files.copy(unit, dir.resolve(unit.getFileName()));
                String name = copy.getFileName().toString();
                if (name.contains("@.")) {
                    // a template is verified through one of its instances
                    Path instance = dir.resolve(name.replace("@.", "@1."));
                    Files.createSymbolicLink(instance, copy.getFileName());
                    command.add(instance.toString());
                } else {
                    command.add(copy.toString());
                }
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            // verify warns of unknown keys and sections but still exits 0: any such line fails here
            assertThat(output.lines().filter(l -> l.contains("Unknown") || l.contains("Invalid")
                    || l.contains("Failed to parse") || l.contains("bad-setting"))).as(output).isEmpty();
            assertThat(process.exitValue()).as(output).isZero();
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }
}
