package io.jenkins.plugins.cloudimages.plugin;

import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import hudson.plugins.git.GitException;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;
import org.jenkinsci.plugins.gitclient.FetchCommand;
import org.jenkinsci.plugins.gitclient.GitClient;
import org.jenkinsci.plugins.gitclient.InitCommand;
import org.jenkinsci.plugins.gitclient.PushCommand;
import org.jenkinsci.plugins.gitclient.RepositoryCallback;

/**
 * FAKE of the Git client plugin's {@link GitClient} (the real one needs a running Jenkins): the
 * members GitClientRepository calls, done with JGit on local repositories as the plugin's JGit
 * implementation does them; any other member throws. A push the remote refuses fails like the real
 * client does, with a {@link GitException}. {@link #beforePush} runs just before each push, to
 * simulate another pusher winning the race. The client and its commands are dynamic proxies, so the
 * fake compiles against the full interfaces of the real plugin too (-Pjenkins).
 */
final class JGitFakeGitClient {
  private final File directory;
  private final List<String> calls = new ArrayList<>();
  Runnable beforePush = () -> {};
  StandardUsernameCredentials credentials;

  JGitFakeGitClient(File directory) {
    this.directory = directory;
  }

  List<String> calls() {
    return calls;
  }

  GitClient client() {
    return proxy(
        GitClient.class,
        (method, args) ->
            switch (method.getName()) {
              case "withRepository" -> withRepository((RepositoryCallback<?>) args[0]);
              case "setRemoteUrl" -> setRemoteUrl((String) args[0], (String) args[1]);
              case "init_" -> init();
              case "fetch_" -> fetch();
              case "push" -> push();
              case "getHeadRev" ->
                  remoteRefs((String) args[0], null, true, false)
                      .get(((String) args[1]).replaceFirst("^(refs/heads/)?", "refs/heads/"));
              case "getRemoteReferences" ->
                  remoteRefs(
                      (String) args[0], (String) args[1], (boolean) args[2], (boolean) args[3]);
              case "getRemoteSymbolicReferences" ->
                  symbolicRefs((String) args[0], (String) args[1]);
              case "revParse" -> revParse((String) args[0]);
              case "setCredentials" -> {
                credentials = (StandardUsernameCredentials) args[0];
                yield null;
              }
              default -> throw new UnsupportedOperationException(method.getName());
            });
  }

  private Object withRepository(RepositoryCallback<?> callable)
      throws IOException, InterruptedException {
    try (Git git = Git.open(directory)) {
      return callable.invoke(git.getRepository(), null);
    }
  }

  private Object setRemoteUrl(String name, String url) throws IOException {
    calls.add("setRemoteUrl " + name + " " + url);
    try (Git git = Git.open(directory)) {
      StoredConfig config = git.getRepository().getConfig();
      config.setString("remote", name, "url", url);
      config.save();
    }
    return null;
  }

  private InitCommand init() {
    Map<String, Object> options = new HashMap<>();
    return command(
        InitCommand.class,
        options,
        () -> {
          calls.add("init " + options.get("workspace"));
          Git.init()
              .setDirectory(new File((String) options.get("workspace")))
              .setBare(Boolean.TRUE.equals(options.get("bare")))
              .call()
              .close();
        });
  }

  @SuppressWarnings("unchecked")
  private FetchCommand fetch() {
    Map<String, Object> options = new HashMap<>();
    return command(
        FetchCommand.class,
        options,
        () -> {
          Object[] from = (Object[]) options.get("from");
          calls.add("fetch " + from[0] + " " + from[1]);
          try (Git git = Git.open(directory)) {
            git.fetch().setRemote(from[0].toString()).setRefSpecs((List<RefSpec>) from[1]).call();
          }
        });
  }

  private PushCommand push() {
    Map<String, Object> options = new HashMap<>();
    return command(
        PushCommand.class,
        options,
        () -> {
          URIish remote = (URIish) options.get("to");
          String refspec = (String) options.get("ref");
          calls.add("push " + remote + " " + refspec);
          beforePush.run();
          try (Git git = Git.open(directory)) {
            for (PushResult result :
                git.push().setRemote(remote.toString()).setRefSpecs(new RefSpec(refspec)).call()) {
              for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                if (update.getStatus() != RemoteRefUpdate.Status.OK
                    && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                  throw new GitException(
                      "Command \"git push\" returned status code 1: ! [rejected] "
                          + update.getRemoteName()
                          + " "
                          + update.getStatus());
                }
              }
            }
          }
        });
  }

  private Map<String, ObjectId> remoteRefs(
      String url, String pattern, boolean headsOnly, boolean tagsOnly) throws GitAPIException {
    calls.add("ls-remote " + url + (pattern == null ? "" : " " + pattern));
    Map<String, ObjectId> refs = new HashMap<>();
    for (Ref ref : lsRemote(url, headsOnly, tagsOnly)) {
      if (pattern == null || ref.getName().equals(pattern)) {
        refs.put(ref.getName(), ref.getObjectId());
      }
    }
    return refs;
  }

  private Map<String, String> symbolicRefs(String url, String pattern) throws GitAPIException {
    Map<String, String> refs = new HashMap<>();
    for (Ref ref : lsRemote(url, false, false)) {
      if (ref.isSymbolic() && (pattern == null || ref.getName().equals(pattern))) {
        refs.put(ref.getName(), ref.getTarget().getName());
      }
    }
    return refs;
  }

  private static Collection<Ref> lsRemote(String url, boolean heads, boolean tags)
      throws GitAPIException {
    return Git.lsRemoteRepository().setRemote(url).setHeads(heads).setTags(tags).call();
  }

  private ObjectId revParse(String revName) throws IOException {
    try (Git git = Git.open(directory)) {
      ObjectId id = git.getRepository().resolve(revName);
      if (id == null) {
        throw new GitException("unknown revision " + revName);
      }
      return id;
    }
  }

  /** What a command does on execute(), with the options its builder methods recorded. */
  private interface Execution {
    void run() throws Exception;
  }

  /** A GitCommand proxy: builder methods record their arguments; execute() runs. */
  private static <T> T command(Class<T> type, Map<String, Object> options, Execution execution) {
    Object[] self = new Object[1];
    self[0] =
        proxy(
            type,
            (method, args) -> {
              if (method.getName().equals("execute")) {
                execution.run();
                return null;
              }
              options.put(method.getName(), args == null || args.length != 1 ? args : args[0]);
              return self[0];
            });
    return type.cast(self[0]);
  }

  /** One member's answer. */
  private interface Member {
    Object answer(Method method, Object[] args) throws Exception;
  }

  /** A proxy whose failures reach the caller as the real client throws them. */
  private static <T> T proxy(Class<T> type, Member member) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
              case "equals" -> proxy == args[0];
              case "hashCode" -> System.identityHashCode(proxy);
              default -> "fake " + type.getSimpleName();
            };
          }
          try {
            return member.answer(method, args);
          } catch (GitException | InterruptedException e) {
            throw e;
          } catch (IOException e) {
            if (List.of(method.getExceptionTypes()).contains(IOException.class)) {
              throw e;
            }
            throw new GitException(e.getMessage(), e);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          } catch (Exception e) {
            throw new GitException(e.getMessage(), e);
          }
        };
    return type.cast(
        Proxy.newProxyInstance(
            JGitFakeGitClient.class.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
