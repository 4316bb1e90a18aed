package io.parcelwatch.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a recipient's personal data into what may be stored and shown: masked display values and a
 * keyed hash of the phone for lookups. The clear values never leave the tracker's input: they are not
 * kept in state and never reach Elasticsearch. The HMAC key comes from configuration; without it a
 * lookup hash cannot be recomputed (or reversed by trying all phone numbers, which a plain hash of an
 * 11-digit number would allow).
 */
public final class PersonalData {
    private static final String HMAC = "HmacSHA256";
    private final Mac mac;

    /** Not thread-safe (one per operator instance), like the {@link Mac} it holds. */
    public PersonalData(byte[] hmacKey) {
        if (hmacKey.length < 16) {
            throw new IllegalArgumentException("The phone-lookup HMAC key must be at least 16 bytes; configure --hmac-key / PW_HMAC_KEY");
        }
        try {
            mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(hmacKey.clone(), HMAC));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** 13812341234 → 138****1234; anything shorter than 8 characters is fully masked. */
    public static String maskPhone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.strip();
        if (digits.length() < 8) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
    }

    /** 张伟 → 张*; the first character (code point) and one asterisk per remaining character. */
    public static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return name;
        }
        String trimmed = name.strip();
        int first = trimmed.offsetByCodePoints(0, 1);
        return trimmed.substring(0, first) + "*".repeat(trimmed.codePointCount(first, trimmed.length()));
    }

    /**
     * Keeps the address's first {@code keep} code points (province and city in a Chinese address) and
     * masks the rest, so ops can see the area but not the door.
     */
    public static String maskAddress(String address, int keep) {
        if (address == null || address.isBlank()) {
            return address;
        }
        String trimmed = address.strip();
        int total = trimmed.codePointCount(0, trimmed.length());
        if (total <= keep) {
            return "*".repeat(total);
        }
        int cut = trimmed.offsetByCodePoints(0, keep);
        return trimmed.substring(0, cut) + "****";
    }

    /** Lower-case hex HMAC-SHA256 of the phone's digits (spaces and dashes ignored). */
    public String phoneLookupHash(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[\\s-]", "");
        return java.util.HexFormat.of().formatHex(mac.doFinal(digits.getBytes(StandardCharsets.UTF_8)));
    }
}
