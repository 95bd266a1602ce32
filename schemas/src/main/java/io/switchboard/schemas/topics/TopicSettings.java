package io.switchboard.schemas.topics;

/**
 * How topics are created on a particular cluster.
 *
 * @param partitions partitions of every topic; 0 keeps each topic's catalogue default
 * @param replicationFactor replicas of every partition (1 for a single broker)
 * @param retentionMs retention of the event topics; -1 keeps them forever
 */
public record TopicSettings(int partitions, short replicationFactor, long retentionMs) {

  /** Catalogue partitions, one replica, unlimited retention: a single-broker stack. */
  public static final TopicSettings SINGLE_BROKER = new TopicSettings(0, (short) 1, -1);

  public TopicSettings {
    if (partitions < 0) {
      throw new IllegalArgumentException("partitions must be 0 (catalogue default) or more: " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("replicationFactor must be at least 1: " + replicationFactor);
    }
    if (retentionMs < -1 || retentionMs == 0) {
      throw new IllegalArgumentException("retentionMs must be -1 (forever) or positive: " + retentionMs);
    }
  }
}
