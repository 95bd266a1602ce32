package io.switchboard.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the tests: keeps cookies (one browser), never follows redirects. */
public final class Http {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String base;
  private final HttpClient client;

  public Http(String base) {
    this.base = base;
    this.client = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();
  }

  /** A fresh client without this one's cookies. */
  public Http another() {
    return new Http(base);
  }

  public HttpResponse<String> get(String pathOrUrl, String... headers) {
    return send(request(pathOrUrl, headers).GET());
  }

  public Map<String, Object> getJson(String path) {
    HttpResponse<String> response = get(path, "Accept", "application/json");
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return json(response.body());
  }

  public HttpResponse<String> postForm(String path, Map<String, String> form, String... headers) {
    String body = form.entrySet().stream()
        .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
        .collect(Collectors.joining("&"));
    return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Sends JSON ({@code body} may be null for none) with a bearer token (may be null for none). */
  public HttpResponse<String> json(String method, String path, String token, Object body) {
    HttpRequest.Builder request = request(path).header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body instanceof String text ? text
              : JSON.writeValueAsString(body)));
    }
    return send(request);
  }

  public static Map<String, Object> json(String body) {
    return JSON.readValue(body, new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  public static Object jsonValue(String body) {
    return JSON.readValue(body, Object.class);
  }

  private HttpRequest.Builder request(String pathOrUrl, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl
        : base + pathOrUrl)).timeout(TIMEOUT);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return request;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
