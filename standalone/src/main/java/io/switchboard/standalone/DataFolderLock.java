package io.switchboard.standalone;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds the data folder for one running stack. The operating system releases the lock when the
 * process dies however it dies, so holding it proves that whatever an earlier run left behind in the
 * folder (a PostgreSQL server still running after a kill -9) has no live owner and may be taken over.
 */
final class DataFolderLock implements AutoCloseable {

  static final String FILE = "switchboard.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataFolderLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** @throws StartupException when another running stack holds the folder */
  static DataFolderLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException sameProcess) {
        lock = null;
      }
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.US_ASCII).trim();
        channel.close();
        throw new StartupException("The data folder " + dataDir + " is in use by a Switchboard that is running"
            + (holder.isEmpty() ? "" : " (process " + holder + ")")
            + ". Stop it first, or start this one on another folder with --data-dir=<folder>.");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
      return new DataFolderLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StartupException("Cannot lock the data folder " + dataDir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }
}
