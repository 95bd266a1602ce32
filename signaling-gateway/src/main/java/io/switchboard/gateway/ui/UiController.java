package io.switchboard.gateway.ui;

import java.net.URI;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web UI's pages and their sign-in settings. The pages are files of {@code classpath:/ui/}
 * (not {@code static/index.html}, which would make Boot add a welcome-page router); their scripts
 * and styles are static resources under {@code /assets/}. All of it is readable without a token:
 * what the pages show comes from the API, which is not.
 */
@RestController
class UiController {

  /** Each page's path and its file. */
  static final Map<String, String> PAGES = Map.of(
      "/", "index.html",
      "/desk/", "desk.html",
      "/wallboard/", "wallboard.html",
      "/call/", "call.html",
      "/admin/", "admin.html",
      UiClient.CALLBACK, "callback.html");

  private final UiClient client;

  UiController(UiClient client) {
    this.client = client;
  }

  @GetMapping(path = {"/", "/desk/", "/wallboard/", "/call/", "/admin/", UiClient.CALLBACK},
      produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<Resource> page(org.springframework.http.server.reactive.ServerHttpRequest request) {
    String file = PAGES.get(request.getPath().pathWithinApplication().value());
    return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(new ClassPathResource("ui/" + file));
  }

  /** A page's path without its trailing slash: sent on to the page, so that its relative links work. */
  @GetMapping(path = {"/desk", "/wallboard", "/call", "/admin"})
  ResponseEntity<Void> withSlash(org.springframework.http.server.reactive.ServerHttpRequest request) {
    String query = request.getURI().getRawQuery();
    String target = request.getPath().pathWithinApplication().value() + "/" + (query == null ? "" : "?" + query);
    return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).location(URI.create(target)).build();
  }

  @GetMapping(path = "/ui-config", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, String> config() {
    return Map.of("issuerUrl", client.issuerUrl(), "clientId", client.clientId(), "scope", client.scope(),
        "redirectPath", client.redirectPath());
  }
}
