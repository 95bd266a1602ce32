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
    assertThat(SipStackSettings.forStack(first).getProperty("javax.sip.STACK_NAME")).isEqualTo(first);
  }

  @Test
  void loggersCanBeInstantiatedByNameAsTheStackDoes() throws Exception {
    Properties properties = SipStackSettings.forStack("any");

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
  void dialogsAreLeftToTheApplication() {
    assertThat(SipStackSettings.forStack("any").getProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT"))
        .isEqualTo("off");
  }
}
