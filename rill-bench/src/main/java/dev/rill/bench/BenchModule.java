package dev.rill.bench;

/** The load tool and benchmarks live here. */
final class BenchModule {
    private BenchModule() {
    }
}
