package io.parcelwatch.generator.sim;

import static io.parcelwatch.generator.network.ChinaTime.MINUTE;

import io.parcelwatch.generator.anomalies.DetectabilityGate;
import io.parcelwatch.generator.anomalies.Incident;
import io.parcelwatch.generator.anomalies.IncidentSchedule;
import io.parcelwatch.generator.anomalies.Label;
import io.parcelwatch.generator.anomalies.LabelSink;
import io.parcelwatch.generator.network.Facility;
import io.parcelwatch.generator.network.Network;
import io.parcelwatch.generator.network.NetworkBuilder;
import io.parcelwatch.generator.output.EventSink;
import io.parcelwatch.generator.output.Outcome;
import io.parcelwatch.generator.output.OutcomeSink;
import io.parcelwatch.generator.parcels.FinalStatus;
import io.parcelwatch.generator.parcels.ParcelPlan;
import io.parcelwatch.generator.parcels.PlanBuilder;
import io.parcelwatch.generator.parcels.Stage;
import io.parcelwatch.generator.parcels.StageLimits;
import io.parcelwatch.schema.AlertKind;
import io.parcelwatch.schema.ComplaintEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generator's event loop. Parcels are announced at the configured rate in simulated time; each
 * parcel's plan waits in a priority queue keyed by the time of its next event, and events held back
 * (late uploads, duplicate copies, corrections) wait in a second queue keyed by the time they arrive.
 * The simulated clock jumps from one due item to the next. Memory is therefore bounded by the
 * announcement rate times the life of a parcel (the parcels in flight), never by the number of
 * parcels in the run.
 */
public final class Simulation {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Simulation.class);
    private static final long INCIDENT_CHECK_INTERVAL = 10 * MINUTE;
    /** Hub-loss windows that lose fewer parcels than this are labelled, but marked not detectable. */
    public static final int HUB_LOSS_EVIDENT_PARCELS = 3;

    private final GeneratorSettings settings;
    private final Network network;
    private final RunWindow window;
    private volatile boolean stopRequested;

    public Simulation(GeneratorSettings settings, long nowMillis) {
        this.settings = settings;
        this.network = NetworkBuilder.build(settings.seed(), settings.network());
        this.window = RunWindow.resolve(settings, nowMillis);
    }

    public Network network() {
        return network;
    }

    public RunWindow window() {
        return window;
    }

    public GeneratorSettings settings() {
        return settings;
    }

    /** Asks a running {@link #run} to stop at the next event (e.g. on Ctrl-C); outcomes and labels are still flushed. */
    public void stop() {
        stopRequested = true;
    }

    public RunStats run(EventSink sink, LabelSink labelSink, OutcomeSink outcomes) {
        return run(sink, labelSink, outcomes, new RunStats());
    }

    /** Runs to the end of the window. {@code stats} may be watched by a progress display while this runs. */
    public RunStats run(EventSink sink, LabelSink labelSink, OutcomeSink outcomes, RunStats stats) {
        stats.window = window;
        LOG.info("Simulating seed {} on {} hubs and {} outlets from {} to {}: {}", settings.seed(), network.hubCount(),
                network.outlets().length, java.time.Instant.ofEpochMilli(window.start()), java.time.Instant.ofEpochMilli(window.end()), settings);
        DetectabilityGate labels = new DetectabilityGate(label -> {
            stats.labelsByKind.merge(label.kind(), 1L, Long::sum);
            if (!label.detectable()) {
                stats.undetectableByKind.merge(label.kind(), 1L, Long::sum);
            }
            labelSink.accept(label);
        });
        var anomalies = settings.anomalies();
        IncidentSchedule hubLosses = anomalies.hubLossPerDay() > 0 && anomalies.hubLossShare() > 0
                ? IncidentSchedule.hubLosses(settings.seed(), network, anomalies.hubLossPerDay(), anomalies.hubLossShare()) : null;
        IncidentSchedule disruptions = anomalies.laneDisruptionsPerDay() > 0
                ? IncidentSchedule.laneDisruptions(settings.seed(), network, anomalies.laneDisruptionsPerDay()) : null;
        long end = window.end();
        PlanBuilder builder = new PlanBuilder(settings.seed(), network, anomalies, settings.disorder(), hubLosses, disruptions, labels, end - 1);
        EventFactory factory = new EventFactory(settings.seed(), network);
        ArrivalProcess arrivals = new ArrivalProcess(settings.seed(), settings.parcelsPerHour(), window.start());
        TimedQueue<ParcelPlan> parcels = new TimedQueue<>();
        TimedQueue<Object> delayed = new TimedQueue<>();
        Pacer pacer = new Pacer(settings.pacing(), window.start(), () -> stopRequested);
        int publishMask = pacer.paced() ? 0x3F : 0xFFF;

        boolean byCount = settings.parcels() > 0;
        long index = 0;
        long nextCreation = arrivals.next();
        if (!byCount && nextCreation >= window.creationEnd()) {
            nextCreation = Long.MAX_VALUE;
        }
        long nextIncidentCheck = window.start() + INCIDENT_CHECK_INTERVAL;
        long loops = 0;
        stats.wallStartNanos = System.nanoTime();
        pacer.start();
        long now = window.start();
        while (true) {
            long tp = parcels.peekTime();
            long td = delayed.peekTime();
            now = Math.min(nextCreation, Math.min(tp, td));
            if (now >= end) {
                break;
            }
            if (stopRequested) {
                stats.stoppedEarly = true;
                break;
            }
            pacer.await(now, stats.eventsSent);
            if (nextCreation <= tp && nextCreation <= td) {
                ParcelPlan plan = builder.build(index++, now);
                stats.parcelsCreated++;
                step(plan, now, factory, sink, delayed, stats);
                if (plan.finished()) {
                    finish(plan, plan.plannedStatus(), end, outcomes, stats);
                } else {
                    parcels.add(plan.nextTime(), plan);
                }
                if (byCount) {
                    nextCreation = index < settings.parcels() ? arrivals.next() : Long.MAX_VALUE;
                } else {
                    nextCreation = arrivals.next();
                    if (nextCreation >= window.creationEnd()) {
                        nextCreation = Long.MAX_VALUE;
                    }
                }
                if (now >= nextIncidentCheck) {
                    incidents(hubLosses, disruptions, now, end, labels, stats);
                    nextIncidentCheck = now + INCIDENT_CHECK_INTERVAL;
                }
                if (parcels.size() > stats.peakParcelsInFlight) {
                    stats.peakParcelsInFlight = parcels.size();
                }
            } else if (tp <= td) {
                ParcelPlan plan = parcels.peek();
                step(plan, now, factory, sink, delayed, stats);
                if (plan.finished()) {
                    parcels.poll();
                    finish(plan, plan.plannedStatus(), end, outcomes, stats);
                } else {
                    parcels.replaceHead(plan.nextTime(), plan);
                }
            } else {
                Object event = delayed.poll();
                send(event, now, sink, stats);
            }
            if ((++loops & publishMask) == 0) {
                stats.publish(now);
                if ((loops & 0xFFFF) == 0 || pacer.paced() && (loops & 0xFFF) == 0) {
                    sink.check();
                }
                if (delayed.size() > stats.peakDelayedEvents) {
                    stats.peakDelayedEvents = delayed.size();
                }
            }
        }
        // the end: parcels still moving, incidents not yet reported, events that would arrive later
        List<ParcelPlan> inFlight = parcels.values();
        inFlight.sort(Comparator.comparingLong(ParcelPlan::index));
        for (ParcelPlan plan : inFlight) {
            finish(plan, plan.statusSoFar(), end, outcomes, stats);
        }
        if (hubLosses != null) {
            reportHubLosses(hubLosses.drainAll(), end, labels, stats);
        }
        if (disruptions != null) {
            countDisruptions(disruptions.drainAll(), end, stats);
        }
        labels.finish(stats.newestScanTime);
        stats.droppedAtEnd = delayed.size();
        LOG.info("Simulation done: {} events, {} parcels, peak {} parcels in flight", stats.eventsSent, stats.parcelsCreated,
                stats.peakParcelsInFlight);
        stats.publish(Math.min(now, end));
        stats.wallEndNanos = System.nanoTime();
        return stats;
    }

    private void step(ParcelPlan plan, long now, EventFactory factory, EventSink sink, TimedQueue<Object> delayed, RunStats stats) {
        int k = plan.cursor();
        plan.advance();
        if (factory.isComplaint(plan, k)) {
            send(factory.complaint(plan, k), now, sink, stats);
            return;
        }
        long time = plan.time(k);
        switch (plan.disorder(k)) {
            case NONE -> send(new PendingScan(plan, k, time, 0, factory), now, sink, stats);
            case MISSING -> stats.missing++;
            case LATE -> {
                stats.lateUploads++;
                delayed.add(now + plan.delayMillis(k), new PendingScan(plan, k, time, 0, factory));
            }
            case DUPLICATE -> {
                stats.duplicates++;
                PendingScan scan = new PendingScan(plan, k, time, 0, factory);
                send(scan, now, sink, stats);
                delayed.add(now + plan.delayMillis(k), scan);
            }
            case CORRECTION -> {
                stats.corrections++;
                long wrong = Math.max(plan.createdAt() + 1000, time + plan.correctionShiftMillis(k));
                send(new PendingScan(plan, k, wrong, 0, factory), now, sink, stats);
                delayed.add(now + plan.correctionDelayMillis(k), new PendingScan(plan, k, time, 1, factory));
            }
        }
    }

    private static void send(Object event, long now, EventSink sink, RunStats stats) {
        stats.eventsSent++;
        if (event instanceof PendingScan scan) {
            stats.scansByType[scan.plan().type(scan.step())]++;
            stats.newestScanTime = Math.max(stats.newestScanTime, scan.eventTime());
            sink.scan(scan, now);
        } else {
            ComplaintEvent complaint = (ComplaintEvent) event; // complaints have their own topic: they move no scan watermark
            stats.complaintsByType[complaint.getType().ordinal()]++;
            sink.complaint(complaint, now);
        }
    }

    private void finish(ParcelPlan plan, FinalStatus status, long end, OutcomeSink outcomes, RunStats stats) {
        stats.parcelsByStatus[status.ordinal()]++;
        boolean delivered = status == FinalStatus.DELIVERED;
        boolean late = delivered ? plan.deliveredAt() > plan.promisedAt() : plan.promisedAt() < end;
        List<String> route = new ArrayList<>(plan.route().length);
        for (int hub : plan.route()) {
            route.add(network.facility(hub).id());
        }
        outcomes.accept(new Outcome(plan.parcelId(), plan.serviceLevel().name(), plan.category().name(), route,
                network.facility(plan.origin()).id(), network.facility(plan.destination()).id(), plan.createdAt(), plan.promisedAt(),
                delivered ? plan.deliveredAt() : null, status.name(), late,
                delivered ? plan.deliveryMethod().name() : null, plan.doorRequested()));
    }

    private void incidents(IncidentSchedule hubLosses, IncidentSchedule disruptions, long now, long end, DetectabilityGate labels,
                           RunStats stats) {
        labels.advance(stats.newestScanTime);
        if (hubLosses != null) {
            reportHubLosses(hubLosses.endedBefore(now), end, labels, stats);
        }
        if (disruptions != null) {
            countDisruptions(disruptions.endedBefore(now), end, stats);
        }
    }

    private void reportHubLosses(List<Incident> ended, long end, LabelSink labels, RunStats stats) {
        for (Incident loss : ended) {
            if (loss.parcelsAffected() == 0 || loss.start() >= end) {
                continue; // a window no parcel met leaves nothing to detect
            }
            stats.hubLossWindows++;
            Facility hub = network.facility(loss.hub());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("share", loss.share());
            details.put("parcelsArrived", loss.parcelsMet());
            details.put("parcelsLost", loss.parcelsAffected());
            // Missing parcels show once they have overstayed the hub dwell limit; a window that lost
            // only one or two cannot be told from parcels lost one by one anywhere in the network.
            labels.accept(new Label(AlertKind.HUB_LOSS, null, hub.id(), hub.regionId(), loss.start(), loss.end(), details,
                    loss.end() + StageLimits.limit(Stage.AT_HUB, false), loss.parcelsAffected() >= HUB_LOSS_EVIDENT_PARCELS));
        }
    }

    private static void countDisruptions(List<Incident> ended, long end, RunStats stats) {
        for (Incident disruption : ended) {
            if (disruption.parcelsAffected() > 0 && disruption.start() < end) {
                stats.laneDisruptions++;
                stats.parcelsHeld += disruption.parcelsAffected();
            }
        }
    }
}
