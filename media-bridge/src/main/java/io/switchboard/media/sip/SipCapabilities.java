package io.switchboard.media.sip;

import java.util.Set;

/**
 * What this bridge can do, as advertised in OPTIONS answers and checked against {@code Require}.
 *
 * @param methods the request methods a handler is registered for (the {@code Allow} header)
 * @param extensions the SIP option tags supported (the {@code Supported} header)
 * @param contentTypes the body types accepted, as {@code type/subtype} (the {@code Accept} header)
 */
public record SipCapabilities(
    Set<String> methods, Set<String> extensions, Set<String> contentTypes) {

  public SipCapabilities {
    methods = Set.copyOf(methods);
    extensions = Set.copyOf(extensions);
    contentTypes = Set.copyOf(contentTypes);
  }
}
