package io.switchboard.gateway.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs} (springdoc reads the controllers) and Swagger UI at
 * {@code /swagger-ui.html}. Both are public; every operation they describe still needs a token, which
 * the document says with one bearer scheme required everywhere.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String BEARER = "bearer";

  @Bean
  OpenAPI switchboardOpenApi() {
    return new OpenAPI()
        .info(new Info().title("Switchboard gateway API").version("v1")
            .description("REST API of the signaling gateway. Every request carries an access token of the "
                + "configured OIDC issuer (Authorization: Bearer …), except POST /api/v1/widget/token, which trades "
                + "a widget key for a customer token. See docs/gateway.md and docs/security.md.")
            .license(new License().name("Apache-2.0")))
        .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
            .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
            .description("An access token of the configured issuer, or a customer token from /api/v1/widget/token")))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }
}
