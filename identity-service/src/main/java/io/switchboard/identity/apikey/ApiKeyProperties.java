package io.switchboard.identity.apikey;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * API keys, the client-credentials clients that a tenant's admins make.
 *
 * @param maxPerTenant the most keys one tenant may hold at once (1 to 10000); one more is a 409
 */
@Validated
@ConfigurationProperties("switchboard.identity.api-keys")
public record ApiKeyProperties(@DefaultValue("50") @Min(1) @Max(10_000) int maxPerTenant) {}
