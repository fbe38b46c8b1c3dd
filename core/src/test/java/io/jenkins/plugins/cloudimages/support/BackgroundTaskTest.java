package io.jenkins.plugins.cloudimages.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundTaskTest {

  @Test
  void shouldRunTheWorkOnItsOwnNamedThread() throws Exception {
    BackgroundTask<String, RuntimeException> task =
        BackgroundTask.start("worker 7", () -> Thread.currentThread().getName());

    assertThat(task.join()).isEqualTo("worker 7");
  }

  @Test
  void shouldRunTwoTasksAtOnce() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    BackgroundTask.Work<Boolean, InterruptedException> meet =
        () -> {
          both.countDown();
          return both.await(10, TimeUnit.SECONDS);
        };

    BackgroundTask<Boolean, InterruptedException> first = BackgroundTask.start("a", meet);
    BackgroundTask<Boolean, InterruptedException> second = BackgroundTask.start("b", meet);

    assertThat(first.join()).isTrue();
    assertThat(second.join()).isTrue();
  }

  @Test
  void shouldRethrowTheWorksCheckedExceptionItself() {
    IOException failure = new IOException("disk gone");
    BackgroundTask<String, IOException> task =
        BackgroundTask.start(
            "failing",
            () -> {
              throw failure;
            });

    assertThatThrownBy(task::join).isSameAs(failure);
  }

  @Test
  void shouldRethrowRuntimeExceptionsAsTheyAre() {
    BackgroundTask<String, IOException> task =
        BackgroundTask.start(
            "failing",
            () -> {
              throw new IllegalStateException("bad state");
            });

    assertThatThrownBy(task::join)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("bad state");
  }

  @Test
  void shouldCancelTheWorkWhenTheWaiterIsInterrupted() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    BackgroundTask<String, RuntimeException> task =
        BackgroundTask.start(
            "sleeper",
            () -> {
              started.countDown();
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                interrupted.countDown();
              }
              return "woke";
            });
    started.await();

    Thread.currentThread().interrupt();
    assertThatThrownBy(task::join).isInstanceOf(CancellationException.class);

    assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("work interrupted").isTrue();
  }

  @Test
  void shouldGiveADoneTasksValueAtOnce() {
    assertThat(BackgroundTask.<String, RuntimeException>done("ready").join()).isEqualTo("ready");
  }
}
