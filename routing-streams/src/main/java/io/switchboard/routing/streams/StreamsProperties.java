package io.switchboard.routing.streams;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the routing engine runs Kafka Streams.
 *
 * @param applicationId Kafka Streams application id: the consumer group and the prefix of the
 *     internal topics (default switchboard-routing)
 * @param stateDir folder of the local state stores
 * @param commitInterval how often processing is committed; with exactly-once this is also how long
 *     decisions wait before readers see them (default 100 ms)
 * @param repartitionPartitions partitions of the internal topics that re-key events by tenant
 *     (default 6, the catalogue default); fixed once the application has run
 * @param closeTimeout how long closing waits for the stream threads when the service stops (default 10 s)
 * @param inMemoryStores keep state stores in memory, rebuilt from their changelogs on start, instead
 *     of RocksDB on disk (default false)
 */
@Validated
@ConfigurationProperties("switchboard.routing")
record StreamsProperties(
    @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,200}", message = "must be 1 to 200 letters, digits, '.', '_' or '-'")
        String applicationId,
    @NotNull Path stateDir,
    @NotNull @DurationMin(millis = 1) Duration commitInterval,
    @Min(1) int repartitionPartitions,
    @NotNull @DurationMin(millis = 1) Duration closeTimeout,
    boolean inMemoryStores) {}
