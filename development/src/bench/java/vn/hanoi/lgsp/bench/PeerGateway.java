package vn.hanoi.lgsp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;

/**
 * HAProxy set up as a typical API gateway in front of a provider, the peer the LGSP gateway is
 * measured against: the consumer's Keycloak token checked (RS256 signature against the realm's
 * certificate, issuer, expiry), a per-consumer request rate tracked in a stick table with a
 * limit, the provider's own token put in place of the consumer's, and one access-log line per
 * call. It keeps no journal and writes nothing durable before answering, as the LGSP does.
 */
final class PeerGateway implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final Path log;
    private final int port;

    private PeerGateway(Process process, Path dir, Path log, int port) {
        this.process = process;
        this.dir = dir;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts HAProxy in front of {@code providerUrl}, trusting the realm's signing certificate.
     *
     * @param providerToken the token HAProxy shows the provider, as the LGSP gateway shows its own
     */
    static PeerGateway start(String issuer, HttpClient http, ObjectMapper json, String providerUrl, String providerToken)
            throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "bench-haproxy")).toAbsolutePath();
        Path certificate = dir.resolve("realm-key.pem");
        Files.writeString(certificate, realmPublicKey(issuer, http, json));
        Path tokens = dir.resolve("provider-token.map");
        Files.writeString(tokens, "provider " + providerToken + "\n");
        Path socket = dir.resolve("admin.sock");
        Files.deleteIfExists(socket);
        Path log = dir.resolve("access.log");
        Files.deleteIfExists(log);
        int port = freePort();
        URI provider = URI.create(providerUrl);
        String config = """
                global
                    log stdout format raw local0
                    nbthread 2
                    maxconn 4096
                    stats socket %s mode 600 level admin

                defaults
                    mode http
                    log global
                    option httplog
                    timeout connect 2s
                    timeout client 30s
                    timeout server 30s

                frontend api
                    bind 127.0.0.1:%d
                    http-request deny status 401 unless { http_auth_bearer -m found }
                    http-request set-var(txn.alg) http_auth_bearer,jwt_header_query('$.alg')
                    http-request set-var(txn.iss) http_auth_bearer,jwt_payload_query('$.iss')
                    http-request set-var(txn.exp) http_auth_bearer,jwt_payload_query('$.exp','int')
                    http-request set-var(txn.consumer) http_auth_bearer,jwt_payload_query('$.azp')
                    http-request deny status 401 unless { var(txn.alg) -m str RS256 }
                    http-request deny status 401 unless { var(txn.iss) -m str %s }
                    http-request deny status 401 unless { http_auth_bearer,jwt_verify(txn.alg,"%s") -m int 1 }
                    http-request set-var(txn.now) date()
                    http-request deny status 401 if { var(txn.exp),sub(txn.now) -m int lt 0 }
                    http-request track-sc0 var(txn.consumer) table consumers
                    http-request deny status 429 if { sc_http_req_rate(0) gt 1000000000 }
                    http-request set-header Authorization "Bearer %%[str(provider),map(%s)]"
                    default_backend provider

                backend consumers
                    stick-table type string len 64 size 100k expire 2m store http_req_rate(60s)

                backend provider
                    http-reuse always
                    server provider %s:%d maxconn 512
                """.formatted(socket, port, issuer, certificate, tokens, provider.getHost(), provider.getPort());
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, config);
        Process process = new ProcessBuilder("haproxy", "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PeerGateway peer = new PeerGateway(process, dir, log, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!peer.listening()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                peer.close();
                throw new IllegalStateException("HAProxy did not start:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return peer;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Puts a fresh provider token in place (a token lives five minutes; a long run outlives it). */
    void providerToken(String token) throws IOException {
        admin("set map " + dir.resolve("provider-token.map") + " provider " + token);
    }

    /** Calls HAProxy logged: one line per call, every answer. */
    long loggedCalls() throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("\"GET /echo/")).count();
        }
    }

    /**
     * Log lines HAProxy dropped: it never lets logging slow a call down, so under load a line that
     * cannot be written at once is counted here instead.
     */
    long droppedLogLines() throws IOException {
        for (String line : admin("show info").split("\n")) {
            if (line.startsWith("DroppedLogs:")) {
                return Long.parseLong(line.substring("DroppedLogs:".length()).trim());
            }
        }
        throw new IllegalStateException("HAProxy's information has no DroppedLogs");
    }

    private String admin(String command) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(dir.resolve("admin.sock")));
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.shutdownOutput();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                answer.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return answer.toString(StandardCharsets.US_ASCII);
        }
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The public key of the realm's RS256 signing certificate, as PEM: what an operator would give
     * HAProxy (its {@code jwt_verify} of this version takes a public key file, not a certificate).
     */
    private static String realmPublicKey(String issuer, HttpClient http, ObjectMapper json) throws Exception {
        HttpResponse<String> jwks = http.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/certs"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode key : json.readTree(jwks.body()).path("keys")) {
            if ("RS256".equals(key.path("alg").asText()) && "sig".equals(key.path("use").asText())) {
                byte[] der = Base64.getDecoder().decode(key.path("x5c").path(0).asText());
                byte[] publicKey = java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificate(new java.io.ByteArrayInputStream(der)).getPublicKey().getEncoded();
                return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(publicKey) + "\n-----END PUBLIC KEY-----\n";
            }
        }
        throw new IllegalStateException("the realm publishes no RS256 signing key: " + jwks.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
