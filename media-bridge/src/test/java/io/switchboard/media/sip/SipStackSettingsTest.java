package io.switchboard.media.sip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.core.ServerLogger;
import gov.nist.core.StackLogger;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SipStackSettingsTest {

  @Test
  void everyStackGetsItsOwnName() {
    String first = SipStackSettings.uniqueStackName();
    String second = SipStackSettings.uniqueStackName();

    assertThat(first).startsWith("switchboard-media-").isNotEqualTo(second);
    assertThat(SipStackSettings.forStack(first, 8).getProperty("javax.sip.STACK_NAME")).isEqualTo(first);
  }

  @Test
  void loggersCanBeInstantiatedByNameAsTheStackDoes() throws Exception {
    Properties properties = SipStackSettings.forStack("any", 8);

    // JAIN-SIP loads them with Class.forName and the public no-argument constructor.
    Object stackLogger =
        Class.forName(properties.getProperty("gov.nist.javax.sip.STACK_LOGGER"))
            .getConstructor()
            .newInstance();
    Object serverLogger =
        Class.forName(properties.getProperty("gov.nist.javax.sip.SERVER_LOGGER"))
            .getConstructor()
            .newInstance();

    assertThat(stackLogger).isInstanceOf(StackLogger.class);
    assertThat(serverLogger).isInstanceOf(ServerLogger.class);
  }

  @Test
  void theStackRunsOnABoundedPoolAndItsTransactionsEnd() {
    Properties properties = SipStackSettings.forStack("any", 12);
    assertThat(properties.getProperty("gov.nist.javax.sip.THREAD_POOL_SIZE")).isEqualTo("12");
    assertThat(properties.getProperty("gov.nist.javax.sip.TCP_POST_PARSING_THREAD_POOL_SIZE")).isEqualTo("12");
    assertThat(properties.getProperty("gov.nist.javax.sip.MAX_TX_LIFETIME_INVITE")).isEqualTo("180");
    assertThat(properties.getProperty("gov.nist.javax.sip.MAX_TX_LIFETIME_NON_INVITE")).isEqualTo("64");
    assertThat(properties.getProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE")).isEqualTo("65536");
  }

  @Test
  void transactionsAndDialogsAreBoundedWithoutEverBlockingASender() {
    Properties properties = SipStackSettings.forStack("any", 8);
    assertThat(properties.getProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS")).isEqualTo("10000");
    assertThat(properties.getProperty("gov.nist.javax.sip.EARLY_DIALOG_TIMEOUT_SECONDS")).isEqualTo("180");
    assertThat(properties.getProperty("gov.nist.javax.sip.AUTOMATIC_DIALOG_ERROR_HANDLING")).isEqualTo("true");
    assertThat(properties.getProperty("gov.nist.javax.sip.DIALOG_TIMEOUT_FACTOR")).isEqualTo("64");
    // Over a client bound the stack parks the thread that sends: never set.
    assertThat(properties).doesNotContainKey("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS");
  }

  @Test
  void dialogsAreLeftToTheApplication() {
    assertThat(SipStackSettings.forStack("any", 8).getProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT"))
        .isEqualTo("off");
  }
}
