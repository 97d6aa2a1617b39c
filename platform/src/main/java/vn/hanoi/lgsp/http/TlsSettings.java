package vn.hanoi.lgsp.http;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * TLS of every outbound connection.
 *
 * @param trustedCertificates PEM file of the city's CA certificates, trusted besides the JVM's
 *                            authorities; none: the JVM's alone
 */
@ConfigurationProperties("lgsp.tls")
public record TlsSettings(Path trustedCertificates) {
}
