package io.jenkins.plugins.cloudimages.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the tests' FAKE cloud APIs share: an HTTP server on 127.0.0.1 (com.sun.net.httpserver), form
 * and query decoding, counters of served and refused requests, and injected failures queued per API
 * action — an error answer instead of the call ({@link #fail}), or the call done and its answer
 * lost ({@link #loseReply}). Subclasses answer each request from their state.
 */
public abstract class FakeHttpApi implements AutoCloseable {
  /** An injected answer: HTTP status, error code and message. */
  public record Failure(int status, String code, String message, boolean afterCall) {}

  private final HttpServer server;
  private final Map<String, Deque<Failure>> failures = new HashMap<>();
  protected final AtomicInteger requests = new AtomicInteger();
  protected final AtomicInteger refusedSignatures = new AtomicInteger();
  protected final AtomicInteger injected = new AtomicInteger();

  protected FakeHttpApi() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            requests.incrementAndGet();
            handle(exchange, exchange.getRequestBody().readAllBytes());
          } catch (RuntimeException e) {
            respond(exchange, 500, "text/plain", "fake server bug: " + e);
          }
        });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  protected abstract void handle(HttpExchange exchange, byte[] body) throws IOException;

  /** The base URL, http://127.0.0.1:PORT. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next {@code times} calls of {@code action} answer this error instead of running. */
  public synchronized void fail(String action, int times, int status, String code, String message) {
    for (int i = 0; i < times; i++) {
      failures
          .computeIfAbsent(action, a -> new ArrayDeque<>())
          .add(new Failure(status, code, message, false));
    }
  }

  /** The next call of {@code action} runs, then its answer is replaced by an HTTP 500. */
  public synchronized void loseReply(String action) {
    failures
        .computeIfAbsent(action, a -> new ArrayDeque<>())
        .add(new Failure(500, "InternalError", "injected lost reply", true));
  }

  /** The failure queued for this call of {@code action}, if any. */
  protected synchronized Failure injectedFor(String action) {
    Deque<Failure> queue = failures.get(action);
    Failure next = queue == null ? null : queue.poll();
    if (next != null) {
      injected.incrementAndGet();
    }
    return next;
  }

  public int requests() {
    return requests.get();
  }

  /** How many requests the signature check refused. */
  public int refusedSignatures() {
    return refusedSignatures.get();
  }

  /** How many injected failures were served. */
  public int injected() {
    return injected.get();
  }

  /** A generous deadline for one driver call in a test. */
  public static Deadline deadline() {
    return Deadline.in("test", java.time.Duration.ofSeconds(20), java.time.Clock.systemUTC());
  }

  /** What the deployer would boot for {@code build}'s deployment, with {@code userData}. */
  public static BootSpec bootSpec(BuildIdentity build, String userData) {
    return new BootSpec(
        build.deployment(),
        userData,
        "root",
        "ssh-ed25519 AAAA test",
        null,
        null,
        false,
        build.tags(java.time.Instant.now()),
        null);
  }

  /** Decoded {@code a=b&c=d} pairs, in order (form bodies and query strings). */
  public static List<Map.Entry<String, String>> decodePairs(String raw) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    if (raw == null || raw.isEmpty()) {
      return pairs;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      pairs.add(
          Map.entry(
              URLDecoder.decode(name, StandardCharsets.UTF_8),
              URLDecoder.decode(value, StandardCharsets.UTF_8)));
    }
    return pairs;
  }

  protected static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
