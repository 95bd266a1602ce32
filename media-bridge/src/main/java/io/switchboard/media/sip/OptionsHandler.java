package io.switchboard.media.sip;

import java.util.TreeSet;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Response;

/**
 * Answers OPTIONS outside a dialog with what the bridge supports (RFC 3261 section 11.2): trunks
 * and proxies use it as a keep-alive and to discover methods.
 */
final class OptionsHandler implements SipRequestHandler {

  private final HeaderFactory headers;

  OptionsHandler(HeaderFactory headers) {
    this.headers = headers;
  }

  @Override
  public String method() {
    return "OPTIONS";
  }

  @Override
  public void handle(SipExchange exchange) throws Exception {
    SipCapabilities capabilities = exchange.capabilities();
    Response ok = exchange.response(Response.OK);
    for (String method : new TreeSet<>(capabilities.methods())) {
      ok.addHeader(headers.createAllowHeader(method));
    }
    for (String contentType : new TreeSet<>(capabilities.contentTypes())) {
      String[] typeAndSubtype = contentType.split("/", 2);
      ok.addHeader(headers.createAcceptHeader(typeAndSubtype[0], typeAndSubtype[1]));
    }
    if (capabilities.extensions().isEmpty()) {
      // An empty Supported header is how a UA says it supports no extension.
      ok.addHeader(headers.createSupportedHeader(""));
    }
    for (String extension : new TreeSet<>(capabilities.extensions())) {
      ok.addHeader(headers.createSupportedHeader(extension));
    }
    exchange.send(ok);
  }

  @Override
  public String toString() {
    return "OptionsHandler";
  }
}
