package vn.hanoi.lgsp.simulators;

import java.text.Normalizer;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The national electronic identification and authentication platform (VDXP): confirms that a
 * personal identification number exists and, if given, belongs to the named person.
 */
public final class VdxpSimulator extends SimulatedServer {

    private static final Logger log = LoggerFactory.getLogger(VdxpSimulator.class);

    /** Level 2 is what a chip-based citizen identity card checked online gives. */
    private static final int ASSURANCE_LEVEL = 2;

    /**
     * @param port          0 picks a free port
     * @param citizenSignIn the relying party of VNeID sign-in (Keycloak's broker); null: no sign-in endpoints
     */
    public record Config(int port, String consumerKey, String consumerSecret, CitizenSignIn citizenSignIn) {

        public Config {
            Objects.requireNonNull(consumerKey, "consumerKey");
            Objects.requireNonNull(consumerSecret, "consumerSecret");
        }

        public Config(int port, String consumerKey, String consumerSecret) {
            this(port, consumerKey, consumerSecret, null);
        }
    }

    /** The client VDXP registered for citizens' sign-in, and the one address it may send them back to. */
    public record CitizenSignIn(String clientId, String clientSecret, String redirectUri) {
    }

    private final OpaqueTokens tokens;
    private final AtomicInteger verifications = new AtomicInteger();

    public VdxpSimulator(Config config) {
        super("VDXP", config.port());
        this.tokens = new OpaqueTokens("VDXP", config.consumerKey(), config.consumerSecret(), Clock.systemUTC());
        routes().add("POST", "/token", tokens::issue);
        routes().add("POST", "/identity/verify", this::verify);
        routes().add("GET", "/status", (request, path) -> levelOneStatus("VDXP đang hoạt động"));
        if (config.citizenSignIn() != null) {
            CitizenSignIn rp = config.citizenSignIn();
            new VneidSignIn(this::baseUrl, new VneidSignIn.Client(rp.clientId(), rp.clientSecret(),
                    rp.redirectUri()), Clock.systemUTC()).register(routes());
        }
    }

    /** Verifications performed, whatever their outcome; refused requests do not count. */
    public int verifications() {
        return verifications.get();
    }

    OpaqueTokens tokens() {
        return tokens;
    }

    private SimResponse verify(SimRequest request, Matcher path) {
        tokens.requireBearer(request);
        VerifyRequest query = request.json(VerifyRequest.class);
        String citizenId = query.citizenId();
        if (citizenId == null || !NationalRegisters.CITIZEN_ID.matcher(citizenId).matches()) {
            throw Fields.invalid("Số định danh cá nhân phải gồm 12 chữ số");
        }
        verifications.incrementAndGet();
        var citizen = NationalRegisters.citizen(citizenId).orElse(null);
        if (citizen == null) {
            log.info("VDXP verification: identifier not found");
            return SimResponse.ok(VerifyAnswer.refused(
                    "Không tìm thấy số định danh cá nhân trong Cơ sở dữ liệu quốc gia về dân cư"));
        }
        if (query.fullName() != null && !comparable(query.fullName()).equals(comparable(citizen.fullName()))) {
            log.info("VDXP verification: name does not match the identifier");
            return SimResponse.ok(VerifyAnswer.refused("Họ và tên không khớp với số định danh cá nhân"));
        }
        return SimResponse.ok(new VerifyAnswer(SimResponse.SUCCESS, "Xác thực thành công", true,
                ASSURANCE_LEVEL, citizen.fullName()));
    }

    /**
     * Vietnamese names arrive in composed or decomposed Unicode depending on the keyboard, and
     * with stray spaces; neither makes it a different name.
     */
    private static String comparable(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC)
                .strip()
                .replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
    }

    record VerifyRequest(String citizenId, String fullName) {
    }

    record VerifyAnswer(String code, String message, boolean verified, Integer assuranceLevel, String fullName) {

        static VerifyAnswer refused(String reason) {
            return new VerifyAnswer(SimResponse.SUCCESS, reason, false, null, null);
        }
    }
}
