package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public final class FilePath implements SerializableOnlyOverRemoting {
  private FilePath() {
    throw new UnsupportedOperationException();
  }

  public String getRemote() {
    throw new UnsupportedOperationException();
  }

  public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
    throw new UnsupportedOperationException();
  }

  public interface FileCallable<T> extends Serializable, RoleSensitive {
    T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
  }
}
