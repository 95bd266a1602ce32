package io.switchboard.standalone;

import io.switchboard.callstate.replay.ReplayCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Switchboard on one machine: {@code java -jar switchboard-standalone.jar [--name=value ...]};
 * {@code … replay [--url=http://localhost:8082]} rebuilds a running stack's call-state projection.
 * Ctrl-C stops the services, then the broker and the database.
 */
public final class Standalone {

  private static final Logger log = LoggerFactory.getLogger(Standalone.class);

  private Standalone() {}

  /**
   * Runs the replay command against a stack on this machine. Without a credential of its own it
   * authenticates as the stack's replay client, with the secret the stack keeps in its data folder
   * ({@code --data-dir}) and the token endpoint of its identity service ({@code --identity-port}).
   */
  static int replay(List<String> args) {
    List<String> replayArgs = new ArrayList<>();
    Map<String, String> stackOptions = new LinkedHashMap<>();
    for (String arg : args) {
      if (arg.startsWith("--data-dir=") || arg.startsWith("--identity-port=") || arg.startsWith("--host=")) {
        stackOptions.put(arg.substring(0, arg.indexOf('=')), arg);
      } else {
        replayArgs.add(arg);
      }
    }
    boolean ownCredential = replayArgs.stream().anyMatch(arg -> arg.startsWith("--token") || arg.startsWith("--client-"))
        || System.getenv("SWITCHBOARD_TOKEN") != null;
    if (!ownCredential) {
      StandaloneSettings settings;
      try {
        settings = StandaloneSettings.parse(stackOptions.values().toArray(String[]::new));
        ServiceSecrets secrets = ServiceSecrets.existing(settings.dataDir());
        replayArgs.add("--token-url=" + settings.tokenUrl());
        replayArgs.add("--client-id=" + ServiceProperties.REPLAY_CLIENT);
        replayArgs.add("--client-secret=" + secrets.secret(ServiceProperties.REPLAY_CLIENT));
      } catch (IllegalArgumentException | StartupException e) {
        log.error("{}", e.getMessage());
        return 2;
      }
    }
    return ReplayCommand.run(replayArgs, System.out, System.err);
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("replay")) {
      // Replays the projection of a stack that is running (./switchboard replay [--url=…]).
      System.exit(replay(List.of(args).subList(1, args.length)));
    }
    StandaloneSettings settings;
    try {
      settings = StandaloneSettings.parse(args);
    } catch (IllegalArgumentException e) {
      log.error("{}", e.getMessage());
      System.exit(2);
      return;
    }
    long start = System.nanoTime();
    StandaloneStack stack;
    try {
      stack = StandaloneStack.start(settings);
    } catch (StartupException e) {
      log.error("Switchboard cannot start: {}", e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Stopping Switchboard");
      stack.close();
      log.info("Switchboard stopped");
    }, "switchboard-stop"));
    StringBuilder banner = new StringBuilder("\n\nSwitchboard is up in ")
        .append((System.nanoTime() - start) / 1_000_000).append(" ms (data in ")
        .append(settings.dataDir()).append(")\n\n");
    for (Map.Entry<String, String> url : stack.urls().entrySet()) {
      banner.append(String.format("  %-22s %s%n", url.getKey(), url.getValue()));
    }
    banner.append("\n  ").append(stack.adminSignIn()).append('\n');
    banner.append("\nPress Ctrl-C to stop.\n");
    log.info("{}", banner);
  }
}
