package vn.hanoi.lgsp.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The national platforms (NDXP, VDXP) that the workers, the gateway, the category sync and the
 * clock check call. Left empty, the simulators stand in for them (development and tests);
 * production sets the real URLs and consumer credentials.
 */
@ConfigurationProperties("lgsp.national")
public record NationalPlatformSettings(@DefaultValue Endpoint ndxp, @DefaultValue Endpoint vdxp) {

    /** A national gateway: token from {@code {url}/token} with HTTP Basic consumer key and secret. */
    public record Endpoint(String url, String consumerKey, String consumerSecret) {

        public boolean configured() {
            return url != null && !url.isBlank();
        }
    }

    public NationalPlatformSettings withNdxp(Endpoint endpoint) {
        return new NationalPlatformSettings(endpoint, vdxp);
    }

    public NationalPlatformSettings withVdxp(Endpoint endpoint) {
        return new NationalPlatformSettings(ndxp, endpoint);
    }
}
