package dev.tokenledger.adapters.benchmark;

import java.util.Arrays;

/** How the benchmarks time a report: 3 calls to warm up, then 20 timed, as a median and the worst. */
final class ReportTimings {

    private ReportTimings() {
    }

    /** {median, worst} in milliseconds. */
    static double[] medianAndWorst(Runnable report) {
        for (int i = 0; i < 3; i++) {
            report.run();
        }
        double[] millis = new double[20];
        for (int i = 0; i < millis.length; i++) {
            long t = System.nanoTime();
            report.run();
            millis[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(millis);
        return new double[]{millis[millis.length / 2], millis[millis.length - 1]};
    }
}
