package io.switchboard.callstate;

import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.SharedPostgres;
import io.switchboard.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service on a fresh database for one test class, with a producer for the shared broker:
 * {@code @RegisterExtension static final ProjectedService service = new ProjectedService("name");}.
 */
public final class ProjectedService implements BeforeAllCallback, AfterAllCallback {

  private final String name;
  private final String[] settings;
  private TestDatabase database;
  private EventProducer producer;
  private ConfigurableApplicationContext context;

  /** {@code settings}: command-line settings beyond {@link TestService#settings}. */
  public ProjectedService(String name, String... settings) {
    this.name = name;
    this.settings = settings;
  }

  @Override
  public void beforeAll(ExtensionContext extension) {
    database = SharedPostgres.newDatabase(name);
    producer = new EventProducer();
    context = TestService.start(database, settings);
  }

  @Override
  public void afterAll(ExtensionContext extension) {
    context.close();
    producer.close();
  }

  public TestDatabase database() {
    return database;
  }

  public EventProducer producer() {
    return producer;
  }

  public ConfigurableApplicationContext context() {
    return context;
  }
}
