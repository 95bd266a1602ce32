package io.switchboard.identity;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The identity service: an OAuth2/OIDC authorization server (Spring Authorization Server) with its
 * users, tenants and signing keys in PostgreSQL, and an admin API for logins and API keys.
 *
 * <p>It is a servlet application with its own embedded Tomcat, even on a classpath that also holds
 * WebFlux (the standalone process); the R2DBC auto-configuration that the call-state service brings
 * there is of no use to it.
 */
@SpringBootApplication(excludeName = {
    "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
    "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
    "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcRepositoriesAutoConfiguration"})
@ConfigurationPropertiesScan
public class IdentityApplication {

  /** The application with its own configuration file, identity-service.yml; used by main and by standalone. */
  public static SpringApplicationBuilder application() {
    return new SpringApplicationBuilder(IdentityApplication.class)
        .web(WebApplicationType.SERVLET)
        .properties("spring.config.name=identity-service");
  }

  public static void main(String[] args) {
    application().run(args);
  }
}
