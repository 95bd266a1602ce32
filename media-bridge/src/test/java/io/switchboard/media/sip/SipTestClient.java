package io.switchboard.media.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import io.switchboard.testsupport.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A real JAIN-SIP user agent client on loopback, with its own stack (and stack name) and its own
 * port, independent of the bridge's code.
 */
final class SipTestClient implements AutoCloseable, SipListener {

  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

  private final AddressFactoryImpl addresses = new AddressFactoryImpl();
  private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
  private final MessageFactoryImpl messages = new MessageFactoryImpl();
  private final Map<String, Object> outcomes = new ConcurrentHashMap<>();
  private final Map<String, SipProvider> providers = new HashMap<>();
  private final SipStackImpl stack;
  private final int port;

  SipTestClient() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("javax.sip.STACK_NAME", "sip-test-client-" + UUID.randomUUID());
    properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
    properties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", SipMessageLog.class.getName());
    stack = new SipStackImpl(properties);
    port = FreePorts.udpAndTcp();
    for (String transport : List.of("udp", "tcp")) {
      SipProvider provider = stack.createSipProvider(stack.createListeningPoint("127.0.0.1", port, transport));
      provider.addSipListener(this);
      providers.put(transport, provider);
    }
    stack.start();
  }

  /** Sends an out-of-dialog request and waits for its final response. */
  Response send(String method, String transport, int serverPort) throws Exception {
    SipProvider provider = providers.get(transport);
    SipURI target = addresses.createSipURI("media-bridge", "127.0.0.1");
    target.setPort(serverPort);
    target.setTransportParam(transport);
    Address from = addresses.createAddress(addresses.createSipURI("test-client", "127.0.0.1"));
    List<ViaHeader> via = new ArrayList<>();
    via.add(headers.createViaHeader("127.0.0.1", port, transport, null));
    CallIdHeader callId = provider.getNewCallId();
    Request request =
        messages.createRequest(
            target,
            method,
            callId,
            headers.createCSeqHeader(1L, method),
            headers.createFromHeader(from, UUID.randomUUID().toString().substring(0, 8)),
            headers.createToHeader(addresses.createAddress(target), null),
            via,
            headers.createMaxForwardsHeader(70));
    ClientTransaction transaction = provider.getNewClientTransaction(request);
    transaction.sendRequest();
    Object outcome =
        Poll.until(
            ANSWER_TIMEOUT, method + " answered over " + transport, () -> outcomes.get(callId.getCallId()));
    if (outcome instanceof Response) {
      return (Response) outcome;
    }
    throw new AssertionError(method + " over " + transport + " failed: " + outcome);
  }

  @Override
  public void processResponse(ResponseEvent event) {
    Response response = event.getResponse();
    if (response.getStatusCode() >= 200) {
      outcomes.put(((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId(), response);
    }
  }

  @Override
  public void processTimeout(TimeoutEvent event) {
    Request request = event.getClientTransaction().getRequest();
    outcomes.put(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId(), "timeout");
  }

  @Override
  public void processRequest(RequestEvent event) {
    // the client only sends
  }

  @Override
  public void processIOException(IOExceptionEvent event) {
    // surfaces as a timeout of the transaction
  }

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {}

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {}

  @Override
  public void close() {
    SipStackShutdown.shutDown(stack, List.copyOf(providers.values()), this);
  }
}
