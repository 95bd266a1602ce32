package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OfferBookTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  private final OfferBook book = new OfferBook();

  @Test
  void pruneForgetsTheUnansweredOffersThatExpiredAndKeepsTheRest() {
    book.put("t1", new OfferBook.Offer("c1", "a1", "r1", T0.plusSeconds(10), false));
    book.put("t1", new OfferBook.Offer("c1", "a2", "r2", T0.plusSeconds(30), false));
    book.put("t1", new OfferBook.Offer("c2", "a1", "r3", T0.plusSeconds(5), false));
    book.put("t2", new OfferBook.Offer("c3", "a3", "r4", T0.plusSeconds(5), false));
    book.accepting("t2", "c3", "a3");

    book.prune(T0.plusSeconds(20));

    assertThat(book.find("t1", "c1", "a1")).isEmpty();
    assertThat(book.find("t1", "c1", "a2")).isPresent();
    assertThat(book.find("t1", "c2", "a1")).isEmpty();
    // An answered offer stays until its call ends, however old.
    assertThat(book.find("t2", "c3", "a3")).isPresent();
    assertThat(book.size()).isEqualTo(2);
    assertThat(book.pending()).isEqualTo(1);

    book.prune(T0.plusSeconds(31));
    assertThat(book.find("t1", "c1", "a2")).isEmpty();
    assertThat(book.pending()).isZero();
  }

  @Test
  void anOfferMadeAgainWithALaterExpiryOutlivesTheEarlierOnesDueDate() {
    book.put("t1", new OfferBook.Offer("c1", "a1", "r1", T0.plusSeconds(10), false));
    book.withdraw("t1", "c1", "a1", "r1");
    book.put("t1", new OfferBook.Offer("c1", "a1", "r2", T0.plusSeconds(40), false));

    book.prune(T0.plusSeconds(20));

    assertThat(book.find("t1", "c1", "a1")).map(OfferBook.Offer::reservationId).contains("r2");
    book.prune(T0.plusSeconds(41));
    assertThat(book.find("t1", "c1", "a1")).isEmpty();
  }

  @Test
  void offersWithdrawnInTimeLeaveNothingBehindOnceDue() {
    for (int i = 0; i < 1000; i++) {
      book.put("t1", new OfferBook.Offer("c" + i, "a" + i, "r" + i, T0.plusMillis(i), false));
      book.withdraw("t1", "c" + i, "a" + i, "r" + i);
    }
    assertThat(book.size()).isZero();
    assertThat(book.pending()).isEqualTo(1000);

    book.prune(T0.plusMillis(500));
    assertThat(book.pending()).isEqualTo(500);
    book.prune(T0.plusSeconds(1));
    assertThat(book.pending()).isZero();
  }
}
