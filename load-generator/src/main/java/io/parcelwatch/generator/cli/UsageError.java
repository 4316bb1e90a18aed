package io.parcelwatch.generator.cli;

/** A bad combination of options or values; reported with exit code 2 like picocli's own usage errors. */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message);
    }
}
