package io.switchboard.simulator;

/**
 * The figures of one queue under one strategy. Rates are fractions (0..1), times seconds; a figure
 * with no calls to measure is {@code NaN}.
 *
 * @param serviceLevel answered within the threshold / (answered + abandoned)
 * @param averageSpeedOfAnswer mean time from entering the queue to being answered, answered calls
 * @param averageHandleTime mean talk time of answered calls (the engine has no wrap-up yet)
 * @param abandonmentRate abandoned / offered
 * @param occupancy busy time / staffed time of the agents serving the queue
 */
record QueueReport(
    String queue,
    String strategy,
    long offered,
    long answered,
    long abandoned,
    long rejected,
    long unresolved,
    double serviceLevel,
    double averageSpeedOfAnswer,
    double averageHandleTime,
    double abandonmentRate,
    double occupancy) {}
