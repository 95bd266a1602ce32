package io.switchboard.media;

import io.switchboard.security.ServiceSecurityConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/** The media bridge: SIP signalling towards phones and trunks (registrar, B2BUA and media come later). */
@SpringBootApplication
@Import(ServiceSecurityConfiguration.class)
public class MediaBridgeApplication {

  /**
   * The application with its own configuration name, so that the standalone process can run it
   * next to the other services on one class path.
   */
  public static SpringApplicationBuilder application() {
    return new SpringApplicationBuilder(MediaBridgeApplication.class)
        .properties("spring.config.name=media-bridge");
  }

  public static void main(String[] args) {
    application().run(args);
  }
}
