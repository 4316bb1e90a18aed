package io.parcelwatch.generator.disorder;

import static io.parcelwatch.generator.network.ChinaTime.HOUR;
import static io.parcelwatch.generator.network.ChinaTime.MINUTE;

/**
 * The mess of real scan streams. Each scan other than CREATED (which the shipper's system sends online)
 * gets at most one kind of disorder; the shares are of those scans.
 *
 * @param lateShare        share uploaded late, as from a handheld or logger that was offline
 * @param lateMinMillis    shortest upload delay
 * @param lateMaxMillis    longest upload delay (delays are log-uniform between the two)
 * @param duplicateShare   share sent twice (same eventId and revision), the copy up to {@code duplicateDelayMaxMillis} later
 * @param correctionShare  share first sent with a wrong scan time, then re-sent with revision 1 and the right time
 * @param missingShare     share never sent (only where the gap this leaves stays within the stage's normal maximum)
 * @param duplicateDelayMaxMillis   how much later a duplicate can arrive
 * @param correctionShiftMaxMillis  how far off a wrong scan time can be (either way; 2 minutes to 8 hours)
 * @param correctionDelayMaxMillis  how much later the correction can arrive (10 minutes to 18 hours)
 */
public record DisorderConfig(double lateShare, long lateMinMillis, long lateMaxMillis, double duplicateShare, double correctionShare,
                             double missingShare, long duplicateDelayMaxMillis, long correctionShiftMaxMillis, long correctionDelayMaxMillis) {
    public static final DisorderConfig DEFAULT =
            new DisorderConfig(0.03, 5 * MINUTE, 3 * HOUR, 0.01, 0.005, 0.005, 10 * MINUTE, 60 * MINUTE, 2 * HOUR);
    public static final DisorderConfig NONE = new DisorderConfig(0, 5 * MINUTE, 3 * HOUR, 0, 0, 0, 10 * MINUTE, 60 * MINUTE, 2 * HOUR);

    public DisorderConfig {
        for (double share : new double[] {lateShare, duplicateShare, correctionShare, missingShare}) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("disorder shares must be between 0 and 1: " + this);
            }
        }
        if (lateShare + duplicateShare + correctionShare + missingShare > 1) {
            throw new IllegalArgumentException("late + duplicate + correction + missing shares exceed 1");
        }
        if (lateMinMillis <= 0 || lateMaxMillis < lateMinMillis) {
            throw new IllegalArgumentException("late upload delays need 0 < min <= max");
        }
        if (lateMaxMillis > 24 * HOUR) {
            throw new IllegalArgumentException("late upload delays above 24 h are not supported");
        }
        if (duplicateDelayMaxMillis < 0 || correctionShiftMaxMillis < 2 * MINUTE || correctionDelayMaxMillis < 10 * MINUTE
                || correctionShiftMaxMillis > 8 * HOUR || correctionDelayMaxMillis > 18 * HOUR || duplicateDelayMaxMillis > 24 * HOUR) {
            throw new IllegalArgumentException("need duplicate delay 0-24 h, correction shift 2 min-8 h, correction delay 10 min-18 h");
        }
    }

    public DisorderConfig withLateShare(double v) {
        return new DisorderConfig(v, lateMinMillis, lateMaxMillis, duplicateShare, correctionShare, missingShare, duplicateDelayMaxMillis, correctionShiftMaxMillis, correctionDelayMaxMillis);
    }

    public DisorderConfig withLateDelays(long min, long max) {
        return new DisorderConfig(lateShare, min, max, duplicateShare, correctionShare, missingShare, duplicateDelayMaxMillis, correctionShiftMaxMillis, correctionDelayMaxMillis);
    }

    public DisorderConfig withDuplicateShare(double v) {
        return new DisorderConfig(lateShare, lateMinMillis, lateMaxMillis, v, correctionShare, missingShare, duplicateDelayMaxMillis, correctionShiftMaxMillis, correctionDelayMaxMillis);
    }

    public DisorderConfig withCorrectionShare(double v) {
        return new DisorderConfig(lateShare, lateMinMillis, lateMaxMillis, duplicateShare, v, missingShare, duplicateDelayMaxMillis, correctionShiftMaxMillis, correctionDelayMaxMillis);
    }

    public DisorderConfig withMissingShare(double v) {
        return new DisorderConfig(lateShare, lateMinMillis, lateMaxMillis, duplicateShare, correctionShare, v, duplicateDelayMaxMillis, correctionShiftMaxMillis, correctionDelayMaxMillis);
    }
}
