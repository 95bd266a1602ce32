package io.switchboard.simulator;

import java.util.random.RandomGenerator;

/** A distribution of durations, in seconds, sampled from a seeded generator. */
interface Distribution {

  double sample(RandomGenerator random);

  double mean();

  static Distribution exponential(double mean) {
    if (mean <= 0) {
      throw new IllegalArgumentException("Mean must be positive: " + mean);
    }
    return new Distribution() {
      @Override
      public double sample(RandomGenerator random) {
        // 1 - U lies in (0, 1], so the logarithm is finite.
        return -mean * Math.log(1 - random.nextDouble());
      }

      @Override
      public double mean() {
        return mean;
      }

      @Override
      public String toString() {
        return "exponential(mean " + mean + " s)";
      }
    };
  }

  /** Log-normal with the given mean and standard deviation (not those of the underlying normal). */
  static Distribution logNormal(double mean, double standardDeviation) {
    if (mean <= 0 || standardDeviation <= 0) {
      throw new IllegalArgumentException("Mean and standard deviation must be positive: " + mean + ", "
          + standardDeviation);
    }
    double variance = Math.log(1 + (standardDeviation * standardDeviation) / (mean * mean));
    double location = Math.log(mean) - variance / 2;
    double scale = Math.sqrt(variance);
    return new Distribution() {
      @Override
      public double sample(RandomGenerator random) {
        return Math.exp(location + scale * random.nextGaussian());
      }

      @Override
      public double mean() {
        return mean;
      }

      @Override
      public String toString() {
        return "log-normal(mean " + mean + " s, sd " + standardDeviation + " s)";
      }
    };
  }
}
