package io.rescuefleet.station.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * Appends an HTTP body to a partial file as it arrives, one batch of buffers at a time, and remembers
 * when data last came, so that the caller can tell a slow source (still sending) from a stalled one
 * (silent) and cancel it without a thread stuck in a read.
 */
final class BodyWriter implements Flow.Subscriber<List<ByteBuffer>> {
  private final Path partial;
  private final LongConsumer progress;
  private final CompletableFuture<Long> done = new CompletableFuture<>();
  private volatile Flow.Subscription subscription;
  private volatile long lastData = System.nanoTime();
  private volatile long bytes;
  private FileChannel out;

  BodyWriter(Path partial, LongConsumer progress) {
    this.partial = partial;
    this.progress = progress;
  }

  /** Completes with the bytes written when the body ends; exceptionally when it breaks off. */
  CompletableFuture<Long> done() {
    return done;
  }

  long bytes() {
    return bytes;
  }

  long nanosSinceData() {
    return System.nanoTime() - lastData;
  }

  /** Stops the download: the connection is dropped, the partial file keeps what came. */
  void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    finish();
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    try {
      out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      s.cancel();
      done.completeExceptionally(e);
      return;
    }
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    try {
      for (ByteBuffer b : buffers) {
        int n = b.remaining();
        while (b.hasRemaining()) {
          out.write(b);
        }
        bytes += n;
        lastData = System.nanoTime();
        progress.accept(n);
      }
      subscription.request(1);
    } catch (IOException e) {
      subscription.cancel();
      finish();
      done.completeExceptionally(e);
    }
  }

  @Override
  public void onError(Throwable failure) {
    finish();
    done.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    finish();
    done.complete(bytes);
  }

  private synchronized void finish() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        // what reached the partial file stays; verification decides about it
      }
      out = null;
    }
  }
}
