package vn.hanoi.lgsp.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The city's PKI, trusted by every outbound connection (App1 §2.1): with
 * {@code lgsp.tls.trusted-certificates} naming a PEM file of the city's CA certificates (mounted,
 * never baked into an image), the process's default TLS context trusts them on top of the JVM's
 * own authorities — so agency systems, providers, NDXP, VDXP, Keycloak and Elasticsearch that
 * present a certificate of the city's CA are accepted, and any other unknown certificate is
 * refused. Installed before the application's beans exist, so every client built later uses it.
 */
public final class CityTrust implements EnvironmentPostProcessor, Ordered {

    public static final String SETTING = "lgsp.tls.trusted-certificates";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path file = Binder.get(environment).bindOrCreate("lgsp.tls", TlsSettings.class).trustedCertificates();
        if (file == null || file.toString().isBlank()) {
            return;
        }
        SSLContext context = sslContext(file);
        SSLContext.setDefault(context);
        HttpsURLConnection.setDefaultSSLSocketFactory(context.getSocketFactory());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /**
     * A TLS context trusting the JVM's authorities and the certificates of the PEM file.
     *
     * @throws IllegalStateException when the file cannot be read or holds no certificate: a platform
     *         told to trust a PKI it cannot read must not start trusting less than it was told
     */
    public static SSLContext sslContext(Path pemFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jvm.init((KeyStore) null);
            for (TrustManager manager : jvm.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate authority : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("jvm-" + n++, authority);
                    }
                }
            }
            Collection<? extends Certificate> city;
            try (InputStream in = Files.newInputStream(pemFile)) {
                city = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (city.isEmpty()) {
                throw new IllegalStateException(SETTING + " names " + pemFile + ", which holds no PEM certificate");
            }
            for (Certificate certificate : city) {
                store.setCertificateEntry("city-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new IllegalStateException(SETTING + ": cannot read " + pemFile + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(SETTING + ": " + pemFile + " is not a PEM file of certificates: "
                    + e.getMessage(), e);
        }
    }
}
