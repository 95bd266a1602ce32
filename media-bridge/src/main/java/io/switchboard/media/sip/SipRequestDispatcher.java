package io.switchboard.media.sip;

import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.TransactionUnavailableException;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one listener of the stack: checks each request as RFC 3261 section 8.2 orders (method,
 * dialog, extensions) and hands it to the handler of its method.
 */
final class SipRequestDispatcher implements SipListener {

  /** MDC key of the SIP Call-ID; not "callId", which is Switchboard's own call id. */
  static final String MDC_SIP_CALL_ID = "sipCallId";

  private static final Logger log = LoggerFactory.getLogger(SipRequestDispatcher.class);

  private final Map<String, SipRequestHandler> handlers = new LinkedHashMap<>();
  private final SipCapabilities capabilities;
  private final SipResponses responses;
  private final HeaderFactory headerFactory;
  private final SipMetrics metrics;
  private final SipDialogListener dialogs;

  SipRequestDispatcher(
      List<SipRequestHandler> handlerList,
      Set<String> extensions,
      SipResponses responses,
      HeaderFactory headerFactory,
      SipMetrics metrics) {
    this(handlerList, extensions, responses, headerFactory, metrics, null);
  }

  /** {@code dialogs}: the owner of dialogs and of the bridge's own requests, or null when there is none. */
  SipRequestDispatcher(
      List<SipRequestHandler> handlerList,
      Set<String> extensions,
      SipResponses responses,
      HeaderFactory headerFactory,
      SipMetrics metrics,
      SipDialogListener dialogs) {
    this.dialogs = dialogs;
    for (SipRequestHandler handler : handlerList) {
      SipRequestHandler previous = handlers.putIfAbsent(handler.method(), handler);
      if (previous != null) {
        throw new IllegalStateException(
            "Two handlers for SIP " + handler.method() + ": " + previous + " and " + handler);
      }
    }
    Set<String> methods = new TreeSet<>(handlers.keySet());
    Set<String> tags = new TreeSet<>(extensions);
    if (dialogs != null) {
      methods.addAll(dialogs.methods());
      tags.addAll(dialogs.extensions());
    }
    this.capabilities = new SipCapabilities(methods, tags, Set.of("application/sdp"));
    this.responses = responses;
    this.headerFactory = headerFactory;
    this.metrics = metrics;
  }

  SipCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public void processRequest(RequestEvent event) {
    Request request = event.getRequest();
    try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_SIP_CALL_ID, callId(request))) {
      ServerTransaction transaction = event.getServerTransaction();
      SipProvider provider = (SipProvider) event.getSource();
      ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
      String viaTransport = via == null ? null : via.getTransport();
      if (viaTransport == null || provider.getListeningPoint(viaTransport) == null) {
        // A response would go back over the top Via's transport: one the bridge has no listening point for.
        SipInputErrors.report(log, SipInputErrors.Kind.UNANSWERABLE,
            request.getMethod() + " dropped: its Via names transport " + viaTransport + ", not one the bridge listens on");
        return;
      }
      if (transaction == null && !Request.ACK.equals(request.getMethod())) {
        try {
          transaction = provider.getNewServerTransaction(request);
        } catch (TransactionAlreadyExistsException e) {
          log.debug("{} retransmission, left to its transaction", request.getMethod());
          return;
        } catch (TransactionUnavailableException e) {
          // An incomplete request (no Max-Forwards, an INVITE without Contact): answered without a transaction.
          SipInputErrors.report(log, SipInputErrors.Kind.NO_TRANSACTION,
              request.getMethod() + " answered statelessly: " + e.getMessage());
        }
      }
      ServerTransaction stateful = transaction;
      SipExchange.ResponseSender sender = response -> {
        if (stateful != null) {
          stateful.sendResponse(response);
        } else {
          provider.sendResponse(response);
        }
      };
      if (dialogs != null && toDialogListener(request)) {
        metrics.requestReceived(request.getMethod());
        toDialogs(event, stateful, sender);
        return;
      }
      dispatch(request, sender, stateful, provider);
    }
  }

  /** CANCEL, ACK and requests inside a dialog belong to the dialog listener. */
  private static boolean toDialogListener(Request request) {
    String method = request.getMethod();
    return Request.CANCEL.equals(method) || Request.ACK.equals(method) || toTag(request) != null;
  }

  private void toDialogs(RequestEvent event, ServerTransaction transaction, SipExchange.ResponseSender transport) {
    Request request = event.getRequest();
    SipExchange exchange = new SipExchange(request, capabilities, responses, response -> {
      transport.send(response);
      metrics.responseSent(response.getStatusCode());
    });
    try {
      if (!dialogs.request(event, transaction) && !Request.ACK.equals(request.getMethod())) {
        // RFC 3261 12.2.2 and 9.2: no dialog or transaction of the bridge matches.
        exchange.respond(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
      }
    } catch (Exception e) {
      log.error("Failed to handle {} in a dialog", request.getMethod(), e);
      if (!Request.ACK.equals(request.getMethod())) {
        answerIfPending(exchange, Response.SERVER_INTERNAL_ERROR);
      }
    }
  }

  /** Routes one request; the I/O-free core of {@link #processRequest}. */
  void dispatch(Request request, SipExchange.ResponseSender transport) {
    dispatch(request, transport, null, null);
  }

  private void dispatch(Request request, SipExchange.ResponseSender transport, ServerTransaction transaction,
      SipProvider provider) {
    String method = request.getMethod();
    metrics.requestReceived(method);
    if (Request.ACK.equals(method)) {
      // An ACK is never answered; one for a 2xx would belong to a dialog the bridge does not have yet.
      log.debug("ACK outside any transaction, ignored");
      return;
    }
    SipExchange exchange =
        new SipExchange(
            request,
            capabilities,
            responses,
            response -> {
              transport.send(response);
              metrics.responseSent(response.getStatusCode());
            },
            transaction,
            provider);
    try {
      route(exchange);
    } catch (Exception e) {
      log.error("Failed to handle {}", method, e);
      answerIfPending(exchange, Response.SERVER_INTERNAL_ERROR);
    }
  }

  private void route(SipExchange exchange) throws Exception {
    Request request = exchange.request();
    String method = request.getMethod();
    if (Request.CANCEL.equals(method)) {
      // RFC 3261 9.2: every INVITE has had its final answer, so no transaction is left to cancel.
      exchange.respond(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
      return;
    }
    SipRequestHandler handler = handlers.get(method);
    if (handler == null) {
      log.debug("{} not implemented, answering 501", method);
      exchange.respond(Response.NOT_IMPLEMENTED);
      return;
    }
    if (toTag(request) != null) {
      // RFC 3261 12.2.2: a request inside a dialog the bridge does not know.
      exchange.respond(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
      return;
    }
    Set<String> unsupported = unsupportedExtensions(request);
    if (!unsupported.isEmpty()) {
      exchange.send(badExtension(exchange, unsupported));
      return;
    }
    log.debug("{} to {}", method, handler);
    handler.handle(exchange);
    if (!exchange.answered()) {
      log.error("{} left {} unanswered", handler, method);
      exchange.respond(Response.SERVER_INTERNAL_ERROR);
    }
  }

  private Set<String> unsupportedExtensions(Request request) {
    Set<String> unsupported = new TreeSet<>();
    ListIterator<?> required = request.getHeaders(RequireHeader.NAME);
    while (required.hasNext()) {
      String tag = ((RequireHeader) required.next()).getOptionTag();
      if (tag != null && !capabilities.extensions().contains(tag)) {
        unsupported.add(tag);
      }
    }
    return unsupported;
  }

  /** RFC 3261 8.2.2.3: 420 listing the option tags the bridge does not support. */
  private Response badExtension(SipExchange exchange, Set<String> unsupported)
      throws ParseException {
    Response response = exchange.response(Response.BAD_EXTENSION);
    for (String tag : unsupported) {
      response.addHeader(headerFactory.createUnsupportedHeader(tag));
    }
    return response;
  }

  private static void answerIfPending(SipExchange exchange, int status) {
    if (exchange.answered()) {
      return;
    }
    try {
      exchange.respond(status);
    } catch (SipException | InvalidArgumentException | RuntimeException e) {
      log.warn("Could not answer {} with {}", exchange.request().getMethod(), status, e);
    }
  }

  private static String toTag(Request request) {
    ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
    return to == null ? null : to.getTag();
  }

  private static String callId(javax.sip.message.Message message) {
    CallIdHeader callId = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
    // The stack rejects requests without a Call-ID; the fallback only keeps the MDC non-null.
    return callId == null ? "-" : callId.getCallId();
  }

  @Override
  public void processResponse(ResponseEvent event) {
    if (dialogs == null) {
      log.debug("Stray response {} ignored", event.getResponse().getStatusCode());
      return;
    }
    try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_SIP_CALL_ID, callId(event.getResponse()))) {
      dialogs.response(event);
    } catch (RuntimeException e) {
      log.error("Failed to handle a {} response", event.getResponse().getStatusCode(), e);
    }
  }

  @Override
  public void processTimeout(TimeoutEvent event) {
    if (dialogs == null || event.isServerTransaction()) {
      log.debug("SIP transaction timed out ({})", event.getTimeout());
      return;
    }
    try {
      dialogs.timeout(event);
    } catch (RuntimeException e) {
      log.error("Failed to handle a transaction timeout", e);
    }
  }

  @Override
  public void processIOException(IOExceptionEvent event) {
    log.warn(
        "SIP I/O error towards {}:{} over {}",
        event.getHost(),
        event.getPort(),
        event.getTransport());
  }

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {
    // nothing kept per transaction yet
  }

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {
    if (dialogs != null) {
      dialogs.dialogTerminated(event);
    }
  }
}
