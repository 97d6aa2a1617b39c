package vn.hanoi.lgsp.agency;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.platform.KeycloakRealm;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.contract.ErrorCode;

/**
 * Which URLs the LGSP may call on an agency's behalf (agency systems, provider upstreams): a
 * registered URL must not turn the platform against itself or its network (SSRF). Refused:
 * link-local addresses (cloud metadata at 169.254.169.254 among them), the unspecified address,
 * multicast, the platform's own servers (its HTTP port, PostgreSQL, Elasticsearch, Keycloak,
 * SMTP), loopback unless {@code lgsp.endpoints.allow-loopback}, and plain http unless
 * {@code lgsp.endpoints.allow-plain-http} (both development only, where the simulators live). Names are resolved when the URL is registered; a name that does not
 * resolve from here is accepted.
 */
@Component
public class EndpointPolicy {

    /**
     * @param allowLoopback  accept 127.0.0.0/8 and ::1 (set by the development services only)
     * @param allowPlainHttp accept http:// URLs (set by the development services only: App1 §2.1
     *                       wants every connection encrypted, so production takes https:// only)
     */
    @ConfigurationProperties("lgsp.endpoints")
    public record Settings(@DefaultValue("false") boolean allowLoopback, @DefaultValue("false") boolean allowPlainHttp) {
    }

    /** One of the platform's own servers: where it listens (null host: this machine), and on which port. */
    private record Own(String name, String host, int port) {
    }

    private final boolean allowLoopback;
    private final boolean allowPlainHttp;
    private final List<Own> own = new ArrayList<>();

    EndpointPolicy(Settings settings, KeycloakRealm keycloak, Environment environment) {
        this.allowLoopback = settings.allowLoopback();
        this.allowPlainHttp = settings.allowPlainHttp();
        own.add(new Own("the platform itself", null, environment.getProperty("server.port", Integer.class, 8080)));
        port(environment.getProperty("spring.datasource.url"), "PostgreSQL");
        String es = environment.getProperty("spring.elasticsearch.uris");
        if (es != null) {
            for (String uri : es.split(",")) {
                port(uri.trim(), "Elasticsearch");
            }
        }
        port(keycloak.url(), "Keycloak");
        Integer smtp = environment.getProperty("spring.mail.port", Integer.class);
        if (smtp != null) {
            own.add(new Own("SMTP", environment.getProperty("spring.mail.host"), smtp));
        }
    }

    /**
     * @throws ApiException {@code VALIDATION_FAILED} naming the field and why, when the URL may
     *         not be called
     */
    public void check(String field, String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw refused(field, "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw refused(field, "must be an http(s) URL with a host");
        }
        if (scheme.equals("http") && !allowPlainHttp) {
            throw refused(field, "must be an https:// URL: connections to and from the LGSP are encrypted (App1 §2.1)");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused(field, "must not carry credentials in the URL");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            // a provider's name may resolve only inside the city's network; an address it later
            // resolves to is not checked here (left for the call-time check, see the threat model)
            return;
        }
        for (InetAddress address : addresses) {
            if (address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                throw refused(field, "reaches " + address.getHostAddress()
                        + ", a link-local, unspecified or multicast address the LGSP never calls");
            }
            if (address.isLoopbackAddress() && !allowLoopback) {
                throw refused(field, "reaches the LGSP's own machine (" + address.getHostAddress() + ")");
            }
            for (Own server : own) {
                if (server.port() == port && sameHost(server, address)) {
                    throw refused(field, "reaches " + server.name() + " of the LGSP itself");
                }
            }
        }
    }

    /** Whether the server listens at that address: on this machine, or wherever its configured host resolves. */
    private static boolean sameHost(Own server, InetAddress address) {
        if (server.host() == null || isLocal(server.host())) {
            return address.isLoopbackAddress();
        }
        try {
            for (InetAddress candidate : InetAddress.getAllByName(server.host())) {
                if (candidate.equals(address)) {
                    return true;
                }
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }

    private static boolean isLocal(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private void port(String url, String name) {
        if (url == null || url.isBlank()) {
            return;
        }
        try {
            URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
            if (uri.getPort() > 0) {
                own.add(new Own(name, uri.getHost(), uri.getPort()));
            }
        } catch (IllegalArgumentException ignored) {
            // not a URL this policy can read a port from
        }
    }

    private static ApiException refused(String field, String reason) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, field + " " + reason, List.of(
                new vn.hanoi.lgsp.contract.ApiError.Detail(field, reason)));
    }
}
