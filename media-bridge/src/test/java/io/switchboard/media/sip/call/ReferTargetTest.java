package io.switchboard.media.sip.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import io.switchboard.media.sip.registrar.SipCredential;
import io.switchboard.media.sip.registrar.SipCredentials;
import io.switchboard.schemas.avro.TransferTargetType;
import javax.sip.address.Address;
import org.junit.jupiter.api.Test;

class ReferTargetTest {

  private final SipCredentials credentials = new SipCredentials();

  ReferTargetTest() {
    credentials.apply("acme", "1002", SipCredential.fromPassword("acme", "acme.example", "1002", "b1", "secret"));
    credentials.apply("other", "2001", SipCredential.fromPassword("other", "other.example", "2001", "z9", "secret"));
  }

  @Test
  void anExtensionOfTheTenantIsItsAgent() throws Exception {
    assertThat(resolve("<sip:1002@acme.example>")).isEqualTo(new ReferTarget(TransferTargetType.AGENT, "b1"));
  }

  @Test
  void anAgentIdWithASipAccountIsThatAgent() throws Exception {
    assertThat(resolve("<sip:b1@bridge.example>")).isEqualTo(new ReferTarget(TransferTargetType.AGENT, "b1"));
  }

  @Test
  void anythingElseIsAQueue() throws Exception {
    assertThat(resolve("<sip:billing@acme.example>")).isEqualTo(new ReferTarget(TransferTargetType.QUEUE, "billing"));
    // Another tenant's extension is no agent of this one.
    assertThat(resolve("<sip:2001@other.example>")).isEqualTo(new ReferTarget(TransferTargetType.QUEUE, "2001"));
  }

  @Test
  void theTargetParameterSaysWhichExplicitly() throws Exception {
    assertThat(resolve("<sip:b1@acme.example;target=queue>")).isEqualTo(new ReferTarget(TransferTargetType.QUEUE, "b1"));
    assertThat(resolve("<sip:c7@acme.example;target=agent>")).isEqualTo(new ReferTarget(TransferTargetType.AGENT, "c7"));
    assertThat(resolve("<sip:1002@acme.example;target=agent>")).isEqualTo(new ReferTarget(TransferTargetType.AGENT, "b1"));
    assertRefused("<sip:b1@acme.example;target=frobnicate>", 400);
  }

  @Test
  void aTelUriOrAPhoneUserIsANumber() throws Exception {
    assertThat(resolve("<tel:+15551234567>")).isEqualTo(new ReferTarget(TransferTargetType.EXTERNAL, "15551234567"));
    assertThat(resolve("<tel:+1-555-123-4567>")).isEqualTo(new ReferTarget(TransferTargetType.EXTERNAL, "15551234567"));
    assertThat(resolve("<sip:+4930123456@acme.example;user=phone>"))
        .isEqualTo(new ReferTarget(TransferTargetType.EXTERNAL, "4930123456"));
    assertThat(resolve("<sip:030123456@acme.example;target=number>"))
        .isEqualTo(new ReferTarget(TransferTargetType.EXTERNAL, "030123456"));
    // A number-looking user without either parameter is still a queue's name.
    assertThat(resolve("<sip:4930123456@acme.example>"))
        .isEqualTo(new ReferTarget(TransferTargetType.QUEUE, "4930123456"));
  }

  @Test
  void aNumberThatIsNoneIsRefused() throws Exception {
    assertRefused("<sip:b1@acme.example;target=number>", 400);
    assertRefused("<sip:support@acme.example;user=phone>", 400);
    assertRefused("<sip:+1@acme.example;target=number>", 400);
    assertRefused("<tel:+1>", 400);
  }

  @Test
  void unusableReferTosAreRefusedWithTheirCodes() throws Exception {
    assertThatThrownBy(() -> ReferTarget.resolve("acme", null, credentials))
        .isInstanceOfSatisfying(ReferTarget.Refused.class, e -> assertThat(e.status).isEqualTo(400));
    assertRefused("<mailto:b1@acme.example>", 416);
    assertRefused("<sip:acme.example>", 400);
    assertRefused("<sip:1002@acme.example?Replaces=abc%40h%3Bto-tag%3D1%3Bfrom-tag%3D2>", 501);
  }

  private ReferTarget resolve(String referTo) throws Exception {
    return ReferTarget.resolve("acme", address(referTo), credentials);
  }

  private void assertRefused(String referTo, int status) throws Exception {
    Address address = address(referTo);
    assertThatThrownBy(() -> ReferTarget.resolve("acme", address, credentials))
        .isInstanceOfSatisfying(ReferTarget.Refused.class, e -> assertThat(e.status).isEqualTo(status));
  }

  private static Address address(String text) throws Exception {
    return new AddressFactoryImpl().createAddress(text);
  }
}
