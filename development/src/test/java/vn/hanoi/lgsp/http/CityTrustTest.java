package vn.hanoi.lgsp.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/**
 * App1 §2.1, TLS with the city's PKI: a local certificate authority made with keytool signs an
 * agency system's certificate; the platform, told to trust that authority, accepts the system and
 * still refuses a system whose certificate nobody it trusts has signed.
 */
class CityTrustTest {

    private static final String PASSWORD = "changeit-test";

    @TempDir
    static Path pki;
    private static HttpsServer citySigned;
    private static HttpsServer selfSigned;
    private static Path cityCa;

    @BeforeAll
    static void pki() throws Exception {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=So KH&CN Ha Noi Test CA", "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "city-ca.pem");
        keytool("-genkeypair", "-alias", "system", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1", "-validity", "2", "-keystore", "system.p12");
        keytool("-certreq", "-alias", "system", "-keystore", "system.p12", "-file", "system.csr");
        keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "system.csr", "-outfile", "system.pem",
                "-rfc", "-ext", "san=ip:127.0.0.1", "-validity", "2");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", "system.p12", "-file", "city-ca.pem");
        keytool("-importcert", "-alias", "system", "-keystore", "system.p12", "-file", "system.pem");
        keytool("-genkeypair", "-alias", "rogue", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", "rogue.p12");
        cityCa = pki.resolve("city-ca.pem");
        citySigned = server(pki.resolve("system.p12"));
        selfSigned = server(pki.resolve("rogue.p12"));
    }

    @AfterAll
    static void stop() {
        if (citySigned != null) {
            citySigned.stop(0);
        }
        if (selfSigned != null) {
            selfSigned.stop(0);
        }
    }

    @Test
    void theCitysCertificatesAreTrustedAndNoOthers() throws Exception {
        HttpClient trusting = HttpClient.newBuilder().sslContext(CityTrust.sslContext(cityCa)).build();

        assertThat(status(trusting, citySigned)).isEqualTo(200);
        assertThatThrownBy(() -> status(trusting, selfSigned)).isInstanceOf(SSLHandshakeException.class);
        // the JVM's own authorities alone know nothing of the city's
        SSLContext jvmOnly = SSLContext.getInstance("TLS");
        jvmOnly.init(null, null, null);
        assertThatThrownBy(() -> status(HttpClient.newBuilder().sslContext(jvmOnly).build(), citySigned))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theSettingMakesItEveryClientsDefault() throws Exception {
        SSLContext before = SSLContext.getDefault();
        try {
            assertThatThrownBy(() -> status(HttpClient.newHttpClient(), citySigned)).isInstanceOf(SSLHandshakeException.class);
            new CityTrust().postProcessEnvironment(new MockEnvironment().withProperty(CityTrust.SETTING, cityCa.toString()),
                    null);
            assertThat(status(HttpClient.newHttpClient(), citySigned)).isEqualTo(200);
            assertThatThrownBy(() -> status(HttpClient.newHttpClient(), selfSigned)).isInstanceOf(SSLHandshakeException.class);
        } finally {
            SSLContext.setDefault(before);
        }
    }

    @Test
    void aPkiFileThatCannotBeReadStopsTheStart() throws Exception {
        Path empty = Files.writeString(pki.resolve("empty.pem"), "not a certificate\n");
        assertThatThrownBy(() -> CityTrust.sslContext(pki.resolve("missing.pem")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(CityTrust.SETTING);
        assertThatThrownBy(() -> CityTrust.sslContext(empty)).isInstanceOf(IllegalStateException.class);
    }

    private static int status(HttpClient client, HttpsServer server) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.getAddress().getPort()
                + "/status")).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static HttpsServer server(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keyStore.toFile())) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/status", exchange -> {
            byte[] body = "{\"code\":\"00\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        if (List.of(arguments).contains("-genkeypair")) {
            command.addAll(List.of("-keypass", PASSWORD));
        }
        Process process = new ProcessBuilder(command).directory(pki.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
