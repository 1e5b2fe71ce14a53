package org.relay247.gateway.api;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.relay247.protocol.v1.InboxSummary;
import org.relay247.protocol.v1.NationalApiServiceGrpc;
import org.relay247.protocol.v1.WatchInboxRequest;
import org.relay247.protocol.v1.WatchInboxResponse;

/** A WatchInbox stream collected into a queue, for tests; closing it cancels the call. */
final class InboxStream implements AutoCloseable, ClientResponseObserver<WatchInboxRequest, WatchInboxResponse> {
  private final BlockingQueue<InboxSummary> entries = new LinkedBlockingQueue<>();
  private volatile ClientCallStreamObserver<WatchInboxRequest> call;
  private volatile Status closedWith;

  static InboxStream open(NationalApiClient client, long afterSeq, boolean storedOnly) {
    InboxStream stream = new InboxStream();
    NationalApiServiceGrpc.newStub(client.channel()).watchInbox(WatchInboxRequest.newBuilder().setAfterSeq(afterSeq)
        .setStoredOnly(storedOnly).build(), stream);
    return stream;
  }

  /** The next entry, waiting up to 20 s. */
  InboxSummary next() throws InterruptedException {
    InboxSummary e = entries.poll(20, TimeUnit.SECONDS);
    if (e == null) {
      throw new AssertionError("no inbox entry within 20 s (stream closed with " + closedWith + ")");
    }
    return e;
  }

  /** The next entry if one comes within {@code millis}. */
  InboxSummary poll(long millis) throws InterruptedException {
    return entries.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** How the server ended the stream (null while open). */
  Status closedWith() {
    return closedWith;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<WatchInboxRequest> requestStream) {
    call = requestStream;
  }

  @Override
  public void onNext(WatchInboxResponse value) {
    entries.add(value.getEntry());
  }

  @Override
  public void onError(Throwable t) {
    closedWith = Status.fromThrowable(t);
  }

  @Override
  public void onCompleted() {
    closedWith = Status.OK;
  }

  @Override
  public void close() {
    if (call != null && closedWith == null) {
      call.cancel("test done", null);
    }
  }
}
