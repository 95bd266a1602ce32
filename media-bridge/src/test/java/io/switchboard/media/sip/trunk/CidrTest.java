package io.switchboard.media.sip.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {

  @Test
  void aBlockContainsItsAddressesOnly() throws Exception {
    Cidr block = Cidr.parse("192.0.2.0/24");

    assertThat(block.contains(InetAddress.getByName("192.0.2.77"))).isTrue();
    assertThat(block.contains(InetAddress.getByName("192.0.3.1"))).isFalse();
    assertThat(block.contains(InetAddress.getByName("2001:db8::1"))).isFalse();
  }

  @Test
  void aSingleAddressIsAFullLengthBlock() throws Exception {
    Cidr one = Cidr.parse("203.0.113.5");

    assertThat(one.prefix()).isEqualTo(32);
    assertThat(one.contains(InetAddress.getByName("203.0.113.5"))).isTrue();
    assertThat(one.contains(InetAddress.getByName("203.0.113.6"))).isFalse();
  }

  @Test
  void hostBitsAreMaskedAndIpv6Works() throws Exception {
    assertThat(Cidr.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
    assertThat(Cidr.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
  }

  @Test
  void overlappingBlocksAreSeen() {
    assertThat(Cidr.parse("10.0.0.0/8").overlaps(Cidr.parse("10.20.0.0/16"))).isTrue();
    assertThat(Cidr.parse("10.0.0.0/16").overlaps(Cidr.parse("10.1.0.0/16"))).isFalse();
  }

  @Test
  void badTextIsRefusedWithoutALookUp() {
    assertThatThrownBy(() -> Cidr.parse("carrier.example")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("0 to 32");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cidr.parse("")).isInstanceOf(IllegalArgumentException.class);
  }
}
