package io.parcelwatch.generator.parcels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParcelIdsTest {
    @Test
    void idsAreStableAndDifferBySeed() {
        ParcelIds ids = new ParcelIds(1);
        assertThat(ids.parcelId(12345)).matches("PW[0-9A-Z]{4}0000012345");
        assertThat(ids.eventId(12345, 3)).isEqualTo(ids.parcelId(12345) + "-03");
        assertThat(ids.eventId(9_999_999_999L, 123)).endsWith("9999999999-123");
        assertThat(new ParcelIds(1).parcelId(7)).isEqualTo(ids.parcelId(7));
        assertThat(new ParcelIds(2).parcelId(7)).isNotEqualTo(ids.parcelId(7));
        assertThat(ParcelIds.complaintId(ids.parcelId(7))).startsWith("CP");
    }
}
