package io.jenkins.plugins.cloudimages.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The base of the FAKE cloud servers of the tests (no real cloud behind them): an HTTP server on
 * 127.0.0.1 with routes by method and path pattern, an authentication check run on every request
 * before any route, a log of the calls, and failure injection — an answer with a given status, or a
 * request body cut short by dropping the connection — for the next N calls that match. Each fake
 * built on it says in its header which API reference it follows.
 */
public class FakeHttpServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request, with its body read on demand (uploads may stream it). */
  public static final class Request {
    private final HttpExchange exchange;
    private final Matcher match;
    private byte[] body;

    Request(HttpExchange exchange, Matcher match) {
      this.exchange = exchange;
      this.match = match;
    }

    public String method() {
      return exchange.getRequestMethod();
    }

    public String path() {
      return exchange.getRequestURI().getPath();
    }

    /** The query string, or "". */
    public String query() {
      String query = exchange.getRequestURI().getRawQuery();
      return query == null ? "" : query;
    }

    /** A group of the route's path pattern. */
    public String group(int n) {
      return match.group(n);
    }

    public String header(String name) {
      return exchange.getRequestHeaders().getFirst(name);
    }

    public InputStream stream() {
      return exchange.getRequestBody();
    }

    public synchronized byte[] bytes() {
      if (body == null) {
        try {
          body = exchange.getRequestBody().readAllBytes();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return body;
    }

    public String text() {
      return new String(bytes(), StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(bytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** An answer. */
  public record Response(int status, String contentType, byte[] body) {
    public static Response json(int status, Object value) {
      try {
        return new Response(status, "application/json", JSON.writeValueAsBytes(value));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public static Response text(int status, String contentType, String body) {
      return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static Response empty(int status) {
      return new Response(status, null, new byte[0]);
    }
  }

  /** What a route does with a matched request. */
  @FunctionalInterface
  public interface Handler {
    Response handle(Request request) throws Exception;
  }

  private record Route(String method, Pattern path, Handler handler) {}

  /** An injected fault for the next {@code times} matching calls. */
  private static final class Fault {
    final String method;
    final Pattern path;
    final int status;
    int times;

    Fault(String method, Pattern path, int status, int times) {
      this.method = method;
      this.path = path;
      this.status = status;
      this.times = times;
    }
  }

  /** Status of a fault that drops the connection after part of the request body. */
  public static final int CUT = -1;

  private final HttpServer server;
  private final List<Route> routes = new CopyOnWriteArrayList<>();
  private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Response> auth = r -> null;

  public FakeHttpServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::serve);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  /** http://127.0.0.1:port */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public void route(String method, String pathRegex, Handler handler) {
    routes.add(new Route(method, Pattern.compile(pathRegex), handler));
  }

  /** The check run before every route: null lets the request through, else its answer. */
  public void authentication(Function<Request, Response> check) {
    this.auth = check;
  }

  /** The next {@code times} calls of {@code method} on a path matching the pattern fail. */
  public void failNext(String method, String pathRegex, int status, int times) {
    faults.add(new Fault(method, Pattern.compile(pathRegex), status, times));
  }

  /** "METHOD path" of every request so far. */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  private void serve(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    calls.add(method + " " + path);
    try {
      Fault fault = takeFault(method, path);
      if (fault != null && fault.status == CUT) {
        cut(exchange);
        return;
      }
      Response response;
      if (fault != null) {
        response =
            Response.json(fault.status, java.util.Map.of("message", "injected " + fault.status));
      } else {
        response = dispatch(exchange, method, path);
      }
      send(exchange, response);
    } catch (Exception e) {
      send(exchange, Response.text(500, "text/plain", "fake server error: " + e));
    } finally {
      exchange.close();
    }
  }

  private Response dispatch(HttpExchange exchange, String method, String path) throws Exception {
    Request unmatched = new Request(exchange, null);
    Response denied = auth.apply(unmatched);
    if (denied != null) {
      return denied;
    }
    for (Route route : routes) {
      Matcher m = route.path().matcher(path);
      if (route.method().equals(method) && m.matches()) {
        return route.handler().handle(new Request(exchange, m));
      }
    }
    return Response.json(404, java.util.Map.of("message", "no route for " + method + " " + path));
  }

  private Fault takeFault(String method, String path) {
    synchronized (faults) {
      for (Fault fault : faults) {
        if (fault.times > 0 && fault.method.equals(method) && fault.path.matcher(path).matches()) {
          fault.times--;
          return fault;
        }
      }
    }
    return null;
  }

  /** Reads a little of the body, then drops the connection without an answer. */
  private static void cut(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readNBytes(1024);
    exchange.getResponseBody().close();
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    if (response.contentType() != null) {
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
    }
    exchange.getRequestBody().readAllBytes();
    byte[] body = response.body();
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
