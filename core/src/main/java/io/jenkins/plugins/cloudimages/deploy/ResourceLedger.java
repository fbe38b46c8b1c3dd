package io.jenkins.plugins.cloudimages.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * What one deployment created, in creation order. Once the deployment is being destroyed the ledger
 * is closed: a resource that a slow or abandoned cloud call returns after that is destroyed at once
 * by the thread that brings it, so nothing created late escapes the cleanup.
 */
final class ResourceLedger {
  private final List<CloudResource> resources = new ArrayList<>();
  private final ResourceReaper reaper;
  private boolean closed;
  private int inFlight;

  ResourceLedger(ResourceReaper reaper) {
    this.reaper = reaper;
  }

  /** Records a created resource, or deletes it when the deployment is already being destroyed. */
  void add(CloudResource resource) {
    synchronized (this) {
      if (!closed) {
        resources.add(resource);
        return;
      }
    }
    reaper.deleteAll(List.of(resource));
  }

  synchronized List<CloudResource> snapshot() {
    return List.copyOf(resources);
  }

  synchronized void callStarted() {
    inFlight++;
  }

  synchronized void callEnded() {
    inFlight--;
    notifyAll();
  }

  /** Closes the ledger and returns what it held; later additions are deleted on arrival. */
  synchronized List<CloudResource> close() {
    closed = true;
    List<CloudResource> all = List.copyOf(resources);
    resources.clear();
    return all;
  }

  /** Waits up to {@code millis} for cloud calls still running, so their results get cleaned. */
  synchronized void awaitCalls(long millis) {
    long end = System.currentTimeMillis() + millis;
    while (inFlight > 0) {
      long left = end - System.currentTimeMillis();
      if (left <= 0) {
        return;
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  synchronized boolean isClosed() {
    return closed;
  }
}
