package io.switchboard.routing.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RankedSetTest {

  @Test
  void answersLikeASortedListUnderRandomAddsAndRemoves() {
    // given a RankedSet and a TreeSet fed the same random operations
    RankedSet<Integer> ranked = new RankedSet<>(Comparator.naturalOrder());
    TreeSet<Integer> reference = new TreeSet<>();
    SplittableRandom random = new SplittableRandom(42);
    for (int step = 0; step < 20_000; step++) {
      int value = random.nextInt(2_000);
      // when
      boolean remove = random.nextInt(3) == 0;
      boolean changed = remove ? ranked.remove(value) : ranked.add(value);
      boolean expected = remove ? reference.remove(value) : reference.add(value);
      assertThat(changed).isEqualTo(expected);
      // then size, rank and get agree with the sorted list
      if (step % 500 == 0) {
        List<Integer> sorted = new ArrayList<>(reference);
        assertThat(ranked.size()).isEqualTo(sorted.size());
        for (int i = 0; i < sorted.size(); i += 37) {
          assertThat(ranked.get(i)).isEqualTo(sorted.get(i));
          assertThat(ranked.rank(sorted.get(i))).isEqualTo(i);
        }
        assertThat(ranked.rank(-1)).isZero();
        assertThat(ranked.rank(5_000)).isEqualTo(sorted.size());
      }
    }
  }

  @Test
  void iteratesInOrderFromAnIndex() {
    // given 0, 3, 6, ... 297 added in a scrambled order
    RankedSet<Integer> ranked = new RankedSet<>(Comparator.naturalOrder());
    for (int i = 0; i < 100; i++) {
      ranked.add((i * 37 % 100) * 3);
    }
    // when iterating from index 40
    List<Integer> seen = new ArrayList<>();
    Iterator<Integer> it = ranked.from(40);
    it.forEachRemaining(seen::add);
    // then the elements from the 40th on, in order
    assertThat(seen).hasSize(60).startsWith(120, 123).endsWith(297);
    assertThat(ranked.from(100).hasNext()).isFalse();
    List<Integer> all = new ArrayList<>();
    ranked.forEach(all::add);
    assertThat(all).isSorted().hasSize(100);
  }

  @Test
  void refusesDuplicatesAndOutOfRangeIndexes() {
    RankedSet<String> ranked = new RankedSet<>(Comparator.naturalOrder());
    assertThat(ranked.add("b")).isTrue();
    assertThat(ranked.add("b")).isFalse();
    assertThat(ranked.remove("a")).isFalse();
    assertThat(ranked.size()).isEqualTo(1);
    assertThatThrownBy(() -> ranked.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
