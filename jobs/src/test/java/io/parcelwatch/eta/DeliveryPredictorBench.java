package io.parcelwatch.eta;

import static io.parcelwatch.eta.History.HOUR;
import static io.parcelwatch.eta.History.T0;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Micro-benchmark of one prediction for a 6-step journey with time-of-day bands (not a test: run its main from
 * the test classpath; arguments: rounds, on|off (bands), samples, no-rounds (no prior round timetable)). Prints a checksum of
 * 2,048 predictions (a change meant to leave predictions as they are must leave it too) and microseconds per prediction.
 */
public final class DeliveryPredictorBench {
    private DeliveryPredictorBench() {}

    public static void main(String[] args) throws Exception {
        TimeOfDayBands bands = TimeOfDayBands.defaults();
        JourneyPlan plan = new JourneyPlan("STANDARD", "OUT-A", "OUT-B", List.of("H1", "H2", "H3"));
        History h = new History();
        h.add("CREATED", 0, null);
        h.add("PICKED_UP", 1, "OUT-A");
        h.add("HUB_ARRIVED", 5, "H1");
        RemainingJourney journey = new JourneySteps(bands).remaining(h.scans(), plan); // 7 steps: DW TR DW TR DW LO LM
        Map<String, StepSummary> learned = new HashMap<>();
        for (StepKey key : journey.steps()) {
            StepSummary s = StepPrior.ofHours(3, 6).summary();
            for (int band = 0; band < bands.count(); band++) {
                learned.put(key.withBand(band).asString(), new StepSummary(s.quantileSeconds(), s.typicalSeconds(), 500, T0));
            }
            learned.put(key.asString(), new StepSummary(s.quantileSeconds(), s.typicalSeconds(), 500, T0));
        }
        // Learned timetables, as a job has them after a day: vehicles every 3 h out of every hub, two delivery rounds.
        for (StepKey key : journey.steps()) {
            if (key.kind() == StepKind.DWELL) {
                learned.put(StepKey.departures(key.scope(), key.service()).asString(), timesOfDay(0, 3, 6, 9, 12, 15, 18, 21));
            } else if (key.kind() == StepKind.LAST_MILE) {
                learned.put(StepKey.roundStart(key.scope()).asString(), timesOfDay(9, 14));
            }
        }
        DeliveryModel model = DeliveryModel.of(learned);
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        EtaPriors priors = args.length > 3 && args[3].equals("no-rounds")
                ? EtaPriors.defaults().withRounds(OutletRounds.defaults().withPrior(List.of())) : EtaPriors.defaults();
        DeliveryPredictor predictor = new DeliveryPredictor(priors,
                args.length > 1 && args[1].equals("off") ? TimeOfDayBands.off() : bands, samples);
        long sink = 0;
        long checksum = 0; // the same for two versions of the predictor only if they predict the same
        for (int i = 0; i < 2048; i++) {
            Prediction p = predictor.predict("P" + i, journey, T0 + (5 + i % 24) * HOUR + i * 60_000L, T0 + 48 * HOUR, model);
            checksum = checksum * 31 + p.p10() * 7 + p.p50() * 3 + p.p90() + Double.hashCode(p.lateProbability());
        }
        System.out.printf("checksum of 2,048 predictions: %016x%n", checksum);
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        for (int pass = 0; pass < 3; pass++) {
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                sink += predictor.predict("P" + (i & 1023), journey, T0 + 6 * HOUR, T0 + 48 * HOUR, model).p50();
            }
            double micros = (System.nanoTime() - start) / 1000.0 / rounds;
            double cpuMicros = (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / rounds;
            System.out.printf("pass %d: %.1f µs per prediction, %.1f µs of CPU (%d steps, %d samples)%n", pass, micros, cpuMicros,
                    journey.steps().size(), samples);
        }
        System.out.println(sink == 42 ? "" : "done");
    }

    /** A learned times-of-day summary: a departure at each of these local hours (two scans 10 minutes apart), watched all day. */
    private static StepSummary timesOfDay(int... localHours) {
        int[] seconds = new int[StepSummary.POINTS];
        int k = 0;
        for (int hour : localHours) {
            seconds[k++] = hour * 3600; // seconds after local midnight
            seconds[k++] = hour * 3600 + 600;
        }
        java.util.Arrays.sort(seconds, 0, k);
        java.util.Arrays.fill(seconds, k, seconds.length, seconds[k - 1]);
        return new StepSummary(seconds, 86_400, 500, T0);
    }
}
