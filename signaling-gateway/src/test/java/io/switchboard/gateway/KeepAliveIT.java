package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Many requests one after the other on one HTTP/1.1 keep-alive connection, as a browser sends a
 * page's files and API calls: each is answered. With Reactor Netty 1.3.6 a request that followed a
 * JSON answer at once was now and then never answered (the browser's page or fetch then hung until its
 * timeout); the parent pom pins a Reactor Netty without that fault, and this test says so if it comes back.
 */
class KeepAliveIT {

  private static final int REQUESTS = 300;
  private static final List<String> PATHS = List.of("/ui-config", "/assets/dom.js", "/api/v1/queues",
      "/desk/", "/v3/api-docs", "/assets/app.css");

  private final TestGateway gateway = TestGateway.shared();

  @Test
  void everyRequestOnOneKeepAliveConnectionIsAnswered() throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (int i = 0; i < REQUESTS; i++) {
        String path = PATHS.get(i % PATHS.size());
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + gateway.port + "\r\nAccept: */*\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status;
        try {
          status = readResponse(in);
        } catch (SocketTimeoutException e) {
          throw new AssertionError("Request " + (i + 1) + " of " + REQUESTS + " (GET " + path
              + ") on the keep-alive connection was not answered within 10 s", e);
        }
        assertThat(status).as("GET %s", path).startsWith("HTTP/1.1 ");
      }
    }
  }

  /** Reads one response (headers and a Content-Length or chunked body); answers its status line. */
  private static String readResponse(InputStream in) throws IOException {
    String statusLine = line(in);
    int length = -1;
    boolean chunked = false;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(lower.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    if (chunked) {
      for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
        in.readNBytes(size);
        line(in);
      }
      line(in);
    } else if (length > 0) {
      in.readNBytes(length);
    }
    return statusLine;
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("The connection closed in the middle of a response");
      }
      if (b != '\r') {
        bytes.write(b);
      }
    }
    return bytes.toString(StandardCharsets.US_ASCII);
  }
}
