package io.switchboard.routing.store;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A sorted set that also answers "how many come before this one" and "which one is the n-th" in
 * O(log n): a treap whose nodes count their subtree. The routing indexes use it for a caller's place
 * in a queue and for drawing the n-th agent, which a {@link java.util.TreeSet} can only do by walking.
 * Not thread-safe (one stream task owns it).
 */
public final class RankedSet<E> implements Iterable<E> {

  private static final class Node<E> {
    final E value;
    final int priority;
    int size = 1;
    Node<E> left;
    Node<E> right;

    Node(E value, int priority) {
      this.value = value;
      this.priority = priority;
    }
  }

  private final Comparator<? super E> order;
  // Fixed seed: the shape varies with it, never the answers; a fixed one keeps runs repeatable.
  private final SplittableRandom priorities = new SplittableRandom(0x5EEDL);
  private Node<E> root;

  public RankedSet(Comparator<? super E> order) {
    this.order = order;
  }

  public int size() {
    return size(root);
  }

  public boolean isEmpty() {
    return root == null;
  }

  public boolean contains(E value) {
    Node<E> node = root;
    while (node != null) {
      int c = order.compare(value, node.value);
      if (c == 0) {
        return true;
      }
      node = c < 0 ? node.left : node.right;
    }
    return false;
  }

  /** Adds {@code value} unless an equal one (by the order) is present. */
  public boolean add(E value) {
    if (contains(value)) {
      return false;
    }
    Node<E>[] parts = split(root, value);
    root = merge(merge(parts[0], new Node<>(value, priorities.nextInt())), parts[1]);
    return true;
  }

  public boolean remove(E value) {
    int before = size();
    root = delete(root, value);
    return size() < before;
  }

  /** How many elements sort before {@code value} (its 0-based index when present). */
  public int rank(E value) {
    int rank = 0;
    Node<E> node = root;
    while (node != null) {
      if (order.compare(value, node.value) <= 0) {
        node = node.left;
      } else {
        rank += size(node.left) + 1;
        node = node.right;
      }
    }
    return rank;
  }

  /** The element at 0-based {@code index} in order. */
  public E get(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException(index + " of " + size());
    }
    Node<E> node = root;
    int i = index;
    while (true) {
      int left = size(node.left);
      if (i < left) {
        node = node.left;
      } else if (i == left) {
        return node.value;
      } else {
        i -= left + 1;
        node = node.right;
      }
    }
  }

  @Override
  public Iterator<E> iterator() {
    return from(0);
  }

  /** In order from 0-based {@code index}; O(log n) to start, then O(1) per element on average. */
  public Iterator<E> from(int index) {
    Deque<Node<E>> pending = new ArrayDeque<>();
    Node<E> node = root;
    int i = index;
    while (node != null) {
      int left = size(node.left);
      if (i <= left) {
        pending.push(node);
        if (i == left) {
          break;
        }
        node = node.left;
      } else {
        i -= left + 1;
        node = node.right;
      }
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !pending.isEmpty();
      }

      @Override
      public E next() {
        if (pending.isEmpty()) {
          throw new NoSuchElementException();
        }
        Node<E> next = pending.pop();
        for (Node<E> n = next.right; n != null; n = n.left) {
          pending.push(n);
        }
        return next.value;
      }
    };
  }

  private static int size(Node<?> node) {
    return node == null ? 0 : node.size;
  }

  private static <E> Node<E> fix(Node<E> node) {
    node.size = 1 + size(node.left) + size(node.right);
    return node;
  }

  /** [elements before {@code value}, the rest]. */
  @SuppressWarnings("unchecked")
  private Node<E>[] split(Node<E> node, E value) {
    if (node == null) {
      return new Node[] {null, null};
    }
    if (order.compare(node.value, value) < 0) {
      Node<E>[] parts = split(node.right, value);
      node.right = parts[0];
      parts[0] = fix(node);
      return parts;
    }
    Node<E>[] parts = split(node.left, value);
    node.left = parts[1];
    parts[1] = fix(node);
    return parts;
  }

  private Node<E> merge(Node<E> a, Node<E> b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a.priority > b.priority) {
      a.right = merge(a.right, b);
      return fix(a);
    }
    b.left = merge(a, b.left);
    return fix(b);
  }

  private Node<E> delete(Node<E> node, E value) {
    if (node == null) {
      return null;
    }
    int c = order.compare(value, node.value);
    if (c == 0) {
      return merge(node.left, node.right);
    }
    if (c < 0) {
      node.left = delete(node.left, value);
    } else {
      node.right = delete(node.right, value);
    }
    return fix(node);
  }
}
