package vn.hanoi.lgsp.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentSealerTest {

    @TempDir
    Path folder;

    @Test
    void sealsContentAndApplicantSoThatNeitherIsReadableAndOpensThemAgain() throws Exception {
        ContentSealer sealer = new ContentSealer(key("a"), List.of());
        UUID id = UUID.randomUUID();

        ContentSealer.Sealed sealed = sealer.seal(id, "Hồ sơ MARKER".getBytes(StandardCharsets.UTF_8), "001185000002",
                "Trần Thị Bình");

        String stored = new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain("MARKER").doesNotContain("001185000002");
        ContentSealer.Opened opened = sealer.open(id, sealed);
        assertThat(new String(opened.content(), StandardCharsets.UTF_8)).isEqualTo("Hồ sơ MARKER");
        assertThat(opened.applicantCitizenId()).isEqualTo("001185000002");
        assertThat(opened.applicantName()).isEqualTo("Trần Thị Bình");
    }

    @Test
    void refusesAlteredRowsAndRowsMovedToAnotherExchange() throws Exception {
        ContentSealer sealer = new ContentSealer(key("a"), List.of());
        UUID id = UUID.randomUUID();
        ContentSealer.Sealed sealed = sealer.seal(id, new byte[] {1, 2, 3}, null, null);
        byte[] altered = sealed.ciphertext().clone();
        altered[altered.length - 1] ^= 1;

        assertThatThrownBy(() -> sealer.open(id, new ContentSealer.Sealed(altered, sealed.wrappedKey(), sealed.masterKeyId())))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sealer.open(UUID.randomUUID(), sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRotatedKeyStillOpensRecordsSealedBeforeTheRotation() throws Exception {
        Path old = key("old");
        UUID id = UUID.randomUUID();
        ContentSealer.Sealed before = new ContentSealer(old, List.of()).seal(id, new byte[] {7}, null, null);

        ContentSealer rotated = new ContentSealer(key("new"), List.of(old));
        ContentSealer withoutOld = new ContentSealer(key("other"), List.of());

        assertThat(rotated.open(id, before).content()).containsExactly(7);
        assertThat(rotated.seal(id, new byte[] {7}, null, null).masterKeyId()).isNotEqualTo(before.masterKeyId());
        assertThatThrownBy(() -> withoutOld.open(id, before)).hasMessageContaining("not configured");
        assertThatThrownBy(() -> new ContentSealer(null, List.of())).hasMessageContaining("master-key-file");
    }

    private Path key(String name) throws Exception {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Path file = folder.resolve(name + ".key");
        Files.writeString(file, Base64.getEncoder().encodeToString(bytes));
        return file;
    }
}
