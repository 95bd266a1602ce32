package io.switchboard.identity.firststart;

import io.switchboard.identity.user.Ids;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The first tenant and its admin, made on the first start (when there is no user at all).
 *
 * @param bootstrapTenant the first tenant; its admins are the only ones who may create more tenants
 * @param initialAdminUsername the username of the first admin
 * @param initialAdminPasswordFile where the first admin's generated password is written (mode 600),
 *     as Jenkins' initialAdminPassword; the standalone puts it in its data folder
 */
@Validated
@ConfigurationProperties("switchboard.identity")
public record BootstrapProperties(
    @NotNull @Pattern(regexp = Ids.TENANT, message = Ids.TENANT_MESSAGE)
    String bootstrapTenant,
    @NotNull @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE)
    String initialAdminUsername,
    @NotNull Path initialAdminPasswordFile) {}
