package io.switchboard.media.rtp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread carrying the packets of many sessions: every channel of a session is
 * registered on the same loop, so a session's state is touched by one thread. Registration and
 * closing are handed to the loop as tasks. No thread per call, none per packet.
 */
final class RelayLoop implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(RelayLoop.class);
  /** Datagrams read from one channel before the loop moves on to the next ready one. */
  private static final int BURST = 16;

  /** What a selection key stands for: one port of one leg. */
  record Port(RelaySession session, RelayLeg leg, boolean rtcp) {}

  private final Selector selector;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  // Large enough for any UDP datagram, so that none is cut short unseen.
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
  private final PacketHandler handler;
  private final Thread thread;
  private volatile boolean running = true;

  /** What the loop does with each datagram it reads. */
  interface PacketHandler {
    void handle(Port port, ByteBuffer packet, InetSocketAddress source);
  }

  RelayLoop(String name, PacketHandler handler) {
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open a selector for the RTP relay", e);
    }
    this.handler = handler;
    this.thread = new Thread(this, name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Runs {@code task} on the loop's thread, soon. */
  void execute(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  boolean running() {
    return running && thread.isAlive();
  }

  void register(RelaySession session) {
    execute(() -> {
      for (RelayLeg leg : new RelayLeg[] {session.a(), session.b()}) {
        register(leg.rtp, new Port(session, leg, false));
        register(leg.rtcp, new Port(session, leg, true));
      }
    });
  }

  private void register(DatagramChannel channel, Port port) {
    try {
      channel.register(selector, SelectionKey.OP_READ, port);
    } catch (ClosedChannelException e) {
      // Closed before the loop got to it: nothing to read.
    }
  }

  /** Cancels the keys of closed channels now, so that their sockets are released before the ports are reused. */
  void flushCancelled() {
    try {
      selector.selectNow();
    } catch (IOException e) {
      log.warn("Selector of the RTP relay failed to flush cancelled keys", e);
    }
  }

  @Override
  public void run() {
    while (running) {
      try {
        // The ready keys straight to read(), without the selected-key set and its per-key add and remove.
        selector.select(this::ready);
        runTasks();
      } catch (IOException | RuntimeException e) {
        // A failure here is a programming error or a broken selector; the loop carries on for the other sessions.
        log.error("RTP relay loop {} failed; carrying on", thread.getName(), e);
      }
    }
    runTasks();
  }

  private void ready(SelectionKey key) {
    if (key.isValid() && key.isReadable()) {
      read(key);
    }
  }

  private void read(SelectionKey key) {
    DatagramChannel channel = (DatagramChannel) key.channel();
    Port port = (Port) key.attachment();
    for (int i = 0; i < BURST; i++) {
      buffer.clear();
      InetSocketAddress source;
      try {
        source = (InetSocketAddress) channel.receive(buffer);
      } catch (IOException e) {
        // An ICMP error surfacing on receive, or the channel closed under us: nothing to relay.
        return;
      }
      if (source == null) {
        return;
      }
      buffer.flip();
      handler.handle(port, buffer, source);
    }
  }

  private void runTasks() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("RTP relay task failed", e);
      }
    }
  }

  /** Stops the loop after the tasks queued so far, and waits for it. */
  void stop() {
    running = false;
    selector.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      selector.close();
    } catch (IOException e) {
      log.warn("Closing the RTP relay selector failed", e);
    }
  }
}
