package io.parcelwatch.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The phone-lookup HMAC key of a local installation: {@code PW_HMAC_KEY} if set, otherwise a random
 * key made once and kept in {@code <home>/hmac.key} (owner-readable only), so hashes stay stable
 * across runs without a key ever being written in code.
 */
final class HmacKeyFile {
    private HmacKeyFile() {}

    static String load(Path home) throws IOException {
        String fromEnv = System.getenv("PW_HMAC_KEY");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        Path file = home.resolve("hmac.key");
        if (!Files.exists(file)) {
            Files.createDirectories(home);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(file, HexFormat.of().formatHex(key), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
}
