package io.switchboard.gateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressBlockTest {

  @Test
  void aBlockIsMaskedToItsNetworkAndAnAddressIsAFullLengthBlock() {
    assertThat(AddressBlock.parse("192.0.2.77/24")).hasToString("192.0.2.0/24");
    assertThat(AddressBlock.parse(" 198.51.100.20 ")).hasToString("198.51.100.20/32");
    assertThat(AddressBlock.parse("2001:db8::1/48").prefix()).isEqualTo(48);
    assertThat(AddressBlock.parse("2001:db8::1/48").ipv6()).isTrue();
  }

  @Test
  void hostNamesAndBadPrefixesAreRefusedWithoutALookup() {
    assertThatThrownBy(() -> AddressBlock.parse("carrier.example")).hasMessageContaining("not an IP address");
    assertThatThrownBy(() -> AddressBlock.parse("localhost")).hasMessageContaining("not an IP address");
    assertThatThrownBy(() -> AddressBlock.parse("192.0.2.0/x")).hasMessageContaining("bad prefix length");
    assertThatThrownBy(() -> AddressBlock.parse("192.0.2.0/33")).hasMessageContaining("must be 0 to 32");
    assertThatThrownBy(() -> AddressBlock.parse("")).hasMessageContaining("not an IP address");
  }

  @Test
  void blocksOverlapWhenOneHoldsAnAddressOfTheOther() {
    assertThat(AddressBlock.parse("192.0.2.0/24").overlaps(AddressBlock.parse("192.0.2.128/25"))).isTrue();
    assertThat(AddressBlock.parse("192.0.2.9").overlaps(AddressBlock.parse("192.0.2.0/24"))).isTrue();
    assertThat(AddressBlock.parse("192.0.2.0/25").overlaps(AddressBlock.parse("192.0.2.128/25"))).isFalse();
    assertThat(AddressBlock.parse("192.0.2.0/24").overlaps(AddressBlock.parse("2001:db8::/32"))).isFalse();
  }
}
