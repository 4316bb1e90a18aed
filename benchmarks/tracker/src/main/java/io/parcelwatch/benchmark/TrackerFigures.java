package io.parcelwatch.benchmark;

/**
 * What the tracker run wrote and kept, read after the first checkpoint that followed the end of the
 * topic, once the tracker's flush interval was back at its base and one look at held writes more (by then
 * the tracker has emitted every scheduled status write and the sink has flushed it).
 *
 * @param documentsWritten  parcel documents Elasticsearch accepted (the parcels sink's counter)
 * @param documentsRetried  parcel documents sent again after a retryable error
 * @param documentsRejected parcel documents rejected for good (to the dead-letter topic)
 * @param versionConflicts  parcel writes dropped because Elasticsearch had a newer version
 * @param esIndexTotal      index operations Elasticsearch counted on the parcels index ({@code _stats/indexing})
 * @param esIndexMillis     time Elasticsearch spent on them
 * @param esDocuments       documents in the parcels index: the distinct parcels the tracker saw
 * @param alertsWritten     alert writes (raised, then resolved: the alerts sink's documentsWritten)
 * @param deadLetters       records on the dead-letter topic
 * @param parcelsCleared    parcels whose state the tracker cleared (retention after a final status): its counter
 * @param predictions       the delivery forecaster's predictions and their time
 * @param heldWrites        the tracker's looks at status writes held back while catching up: held again, and released
 *                          once it had caught up (its counters {@code heldWriteChecks}, {@code heldWritesReleased})
 */
record TrackerFigures(long documentsWritten, long documentsRetried, long documentsRejected, long versionConflicts, long esIndexTotal,
                      long esIndexMillis, long esDocuments, long alertsWritten, long deadLetters, long parcelsCleared,
                      Predictions predictions, HeldWrites heldWrites) {

    record HeldWrites(long heldAgain, long released) {}

    /** Parcels the tracker holds state for: every parcel it saw has a document; cleared ones have no state. */
    long parcelsInState() {
        return esDocuments - parcelsCleared;
    }

    double writesPerEvent(long events) {
        return events == 0 ? Double.NaN : documentsWritten / (double) events;
    }
}
