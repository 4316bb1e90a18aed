package io.parcelwatch.benchmark;

/**
 * The latest completed checkpoint of a job, as Flink's REST API reports it.
 *
 * @param id               checkpoint id
 * @param completed        checkpoints completed so far
 * @param fullBytes        full size of the job's state in that checkpoint (all files it references)
 * @param incrementalBytes what that checkpoint actually uploaded (RocksDB incremental: new SST files only)
 * @param durationMillis   trigger to last acknowledgement
 * @param keyedFullBytes   full state size of the keyed-by-parcel operator's vertex alone
 * @param triggeredAtMillis wall time the checkpoint was triggered
 */
record CheckpointFigures(long id, long completed, long fullBytes, long incrementalBytes, long durationMillis, long keyedFullBytes,
                         long triggeredAtMillis) {}
