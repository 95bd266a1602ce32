package io.switchboard.standalone;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.DtmfMethod;
import io.switchboard.schemas.avro.DtmfReceived;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.SharedBrowser;
import io.switchboard.testsupport.SharedBrowser.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The web UI in the system's headless Chromium (fake microphone, camera and screen) against the whole stack, walked as
 * people would: the admin signs in through the identity service's own login page (authorization code
 * with PKCE), makes a queue, sees a bad one's errors on their fields, makes a widget key and two
 * agents' logins; a customer calls through the key's call page and waits; the wallboard shows the call
 * waiting, and a queue's warning levels set on it colour the tile (kept over a reload); the agent's desktop rings and accepts; both pages' peer connections connect and their
 * {@code getStats()} show audio arriving; hold stops the packets both ways and resume brings them
 * back; keys pressed on the caller's phone show in the desk's call log; a blind transfer rings the
 * second agent, who answers; the end, the wrap-up, and the call in
 * the history with its hold, transfer and talk; a reloaded desk still gets a ringing offer; on a
 * ring-all queue the desks that lost stop ringing; a closed desk goes OFFLINE after the grace period;
 * the wallboard's agents filter by status and name, the filter kept over a reload; TV mode; a video
 * call: both cameras decoded, the customer's camera off and on, the agent's screen shared in its place.
 * No page logs a console error but the answers the test provokes on purpose.
 *
 * <p>With {@code -Dswitchboard.screenshots=docs/screenshots} it saves the pages there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiIT {

  private static final Logger log = LoggerFactory.getLogger(WebUiIT.class);
  private static final double WAIT_MS = 60_000;
  private static final String QUEUE = "support";
  private static final String RING_ALL = "everyone";
  private static final String AGENT_PASSWORD = "agent-password-1234";
  private static final String PRESENCE_GRACE = "switchboard.gateway.ws.presence-grace";
  private static final String CUSTOMER_TOKEN_TTL = "switchboard.gateway.customer-tokens.ttl";

  private static Path dataDir;
  private static StandaloneSettings settings;
  private static StandaloneStack stack;
  private static SharedBrowser browser;
  private static String gateway;
  private static String adminPassword;
  private static String agentId;
  private static String secondAgentId;
  private static String callId;
  private static String widgetKey;

  private static Session admin;
  private static Session customer;
  private static Session supervisor;
  private static Session agent;
  private static Session secondAgent;
  private static Page customerPage;
  private static Page wallboard;
  private static Page desk;
  private static Page secondDesk;

  @BeforeAll
  static void startStack() throws IOException {
    browser = SharedBrowser.get();
    PlaywrightAssertions.setDefaultAssertionTimeout(WAIT_MS);
    // A short grace period, so that a closed tab goes OFFLINE within the test (a reload stays well inside it).
    System.setProperty(PRESENCE_GRACE, "8s");
    // Customer tokens of 20 s: the first customer's page lives through several, renewing each before it
    // expires (the gateway closes a socket whose token expired, and the hang-up needs a valid one).
    System.setProperty(CUSTOMER_TOKEN_TTL, "20s");
    dataDir = Files.createTempDirectory("switchboard-web-ui-it");
    settings = TestPorts.settings(dataDir);
    stack = StandaloneStack.start(settings);
    gateway = "http://" + settings.host() + ":" + settings.gatewayPort();
    adminPassword = new Logins(settings).adminPassword();
    agentId = "ada-" + UUID.randomUUID().toString().substring(0, 6);
    secondAgentId = "bob-" + UUID.randomUUID().toString().substring(0, 6);
  }

  @AfterAll
  static void stopStack() {
    System.clearProperty(PRESENCE_GRACE);
    System.clearProperty(CUSTOMER_TOKEN_TTL);
    for (Session session : new Session[] {admin, customer, supervisor, agent, secondAgent}) {
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
    for (Session session : new Session[] {admin, customer, supervisor, agent, secondAgent}) {
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
        log.info("After {}: {}\n{}\nconsole errors: {}\nrequests in flight: {}", test.getDisplayName(), page.url(),
            text.length() > 3000 ? text.substring(0, 3000) : text, session.consoleErrors(),
            session.requestsInFlight());
      }
      log.info("WebSocket frames: {}", String.join("\n  ", session.socketFrames()));
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

    for (String id : new String[] {agentId, secondAgentId}) {
      page.getByLabel("Agent id (for agents)").fill(id);
      page.getByLabel("Username").fill(id);
      page.getByLabel("Password (12 characters or more)").fill(AGENT_PASSWORD);
      page.getByLabel("agent", new Page.GetByLabelOptions().setExact(true)).check();
      page.getByText("Add login").click();
      assertThat(page.locator("#user-list tr[data-username=" + id + "]")).isVisible();
    }

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
    // Nothing answered yet: the service level divides by zero and says so.
    assertThat(queue.locator(".tile[data-tile=sl] .value")).hasText("—");

    // The queue's levels, set on the wallboard: one call waiting is above a waiting level of 0.
    Locator waiting = queue.locator(".tile[data-tile=waiting]");
    assertThat(waiting).hasAttribute("data-level", "ok");
    assertThat(waiting.locator(".flag")).hasCount(0);
    Locator save = queue.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save levels"));
    queue.locator("details.levels summary").click();
    queue.getByLabel("Waiting: warning above (calls)").fill("0");
    save.click();
    assertThat(waiting).hasAttribute("data-level", "warning");
    assertThat(waiting.locator(".flag")).hasText("△ warning");
    queue.getByLabel("Waiting: critical above (calls)").fill("0");
    save.click();
    assertThat(waiting).hasAttribute("data-level", "critical");
    assertThat(waiting.locator(".flag")).hasText("▲ critical");
    // A critical wait under the warning one is refused, on its field.
    Locator waitCritical = queue.getByLabel("Longest wait: critical above (s)");
    waitCritical.fill("10");
    save.click();
    assertThat(waitCritical).hasAttribute("aria-invalid", "true");
    assertThat(waitCritical).isFocused();
    assertThat(queue.locator("#" + waitCritical.getAttribute("aria-describedby"))).containsText("at least the warning level (60)");

    // The levels are this browser's: a reload keeps them, Defaults drops them.
    wallboard.reload();
    assertThat(waiting).hasAttribute("data-level", "critical");
    assertThat(queue.locator("details.levels summary")).containsText("set in this browser");
    queue.locator("details.levels summary").click();
    queue.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Defaults")).click();
    assertThat(waiting).hasAttribute("data-level", "ok");
    assertThat(queue.locator("details.levels summary")).containsText("(defaults)");
    supervisor.assertNoConsoleErrors();
  }

  @Test
  @Order(5)
  void theAgentGoesAvailableGetsTheOfferAndAcceptsIt() {
    agent = browser.newSession();
    desk = signIn(agent, "/desk/", agentId, AGENT_PASSWORD);
    startShift(desk, QUEUE);

    Locator offer = desk.locator("#offers li.offer");
    assertThat(offer).isVisible();
    assertThat(offer).containsText("queue " + QUEUE);
    callId = offer.getAttribute("data-call-id");
    assertThat(desk.locator("#status")).hasAttribute("data-activity", "ringing");
    SharedBrowser.Session.screenshot(desk, "desk-ringing");
    offer.getByText("Accept").click();
    assertThat(desk.locator("#calls li.call")).isVisible();
    assertThat(desk.locator("#status")).hasAttribute("data-activity", "on-call");
    assertThat(desk.locator("#status")).hasText("available · on a call");
    assertThat(desk.locator("#offers li")).hasCount(0);
    assertThat(customerPage.locator("#call-state")).hasAttribute("data-state", "CONNECTED");
  }

  @Test
  @Order(6)
  void bothSidesHearEachOther() {
    Locator agentMedia = desk.locator("#calls li.call[data-call-id='" + callId + "']");
    Locator customerMedia = customerPage.locator("#media");
    assertThat(agentMedia).hasAttribute("data-connection", "connected");
    assertThat(customerMedia).hasAttribute("data-connection", "connected");
    // Inbound audio packets rise on both sides, and the fake microphone's tone arrives with energy.
    assertRising(agentMedia, "data-packets-received");
    assertRising(customerMedia, "data-packets-received");
    assertPositive(agentMedia, "data-audio-energy");
    assertPositive(customerMedia, "data-audio-energy");
    SharedBrowser.Session.screenshot(desk, "desk");
    SharedBrowser.Session.screenshot(customerPage, "call-connected");
    // The wallboard shows the call in the agent's hand.
    Locator current = wallboard.locator("#agents tr[data-agent='" + agentId + "'] td.call");
    assertThat(current).hasAttribute("data-call-id", callId);
    assertThat(current).containsText(QUEUE);
  }

  @Test
  @Order(7)
  void holdStopsTheAudioBothWaysAndResumeBringsItBack() {
    Locator agentMedia = desk.locator("#calls li.call[data-call-id='" + callId + "']");
    Locator customerMedia = customerPage.locator("#media");
    agentMedia.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Hold")).click();
    assertThat(agentMedia).hasAttribute("data-held", "true");
    assertThat(customerPage.locator("#call-state")).hasAttribute("data-state", "ON_HOLD");
    assertStopped(agentMedia, "data-packets-received");
    assertStopped(customerMedia, "data-packets-received");
    waitForCallState("ON_HOLD");

    agentMedia.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Resume")).click();
    assertThat(agentMedia).hasAttribute("data-held", "false");
    assertThat(customerPage.locator("#call-state")).hasAttribute("data-state", "CONNECTED");
    assertRising(agentMedia, "data-packets-received");
    assertRising(customerMedia, "data-packets-received");
    waitForCallState("CONNECTED");
  }

  @Test
  @Order(8)
  void keysPressedOnThePhoneShowInTheDesksCallLog() {
    // The media bridge's DtmfReceived, as it publishes one for a SIP leg, in the call's tenant.
    String tenant = new GatewayRequests(settings, java.time.Duration.ofMillis((long) WAIT_MS))
        .awaitCall(new Logins(settings).adminToken(), callId, call -> call.hasNonNull("tenantId"))
        .path("tenantId").asString();
    try (EventProducer bridge = new EventProducer(settings.kafkaBootstrap())) {
      for (String digit : new String[] {"4", "#"}) {
        bridge.send(Topics.CALL_EVENTS, callId, new CallEvent(UUID.randomUUID(), tenant, Instant.now(), "media-bridge-it",
            callId, new DtmfReceived("customer", digit, 120, DtmfMethod.RFC4733)));
      }
    }

    Locator log = desk.locator("#calls li.call[data-call-id='" + callId + "'] ol.call-log");
    assertThat(log.locator("li[data-dtmf='4']")).hasText(Pattern.compile("The caller pressed 4 \\(RFC 4733\\)$"));
    assertThat(log.locator("li[data-dtmf='#']")).hasAttribute("data-participant", "customer");
    // In the order pressed, after the lines of the call so far.
    assertThat(log.locator("li")).hasText(new Pattern[] {Pattern.compile("Call accepted$"),
        Pattern.compile("Call on hold$"), Pattern.compile("Call resumed$"), Pattern.compile("pressed 4 "),
        Pattern.compile("The caller pressed # \\(RFC 4733\\)$")});
    agent.assertNoConsoleErrors();
  }

  @Test
  @Order(9)
  void aBlindTransferRingsTheSecondAgentWhoAnswers() {
    secondAgent = browser.newSession();
    secondDesk = signIn(secondAgent, "/desk/", secondAgentId, AGENT_PASSWORD);
    // In a queue of its own, so that only the transfer reaches it.
    startShift(secondDesk, "escalations");

    Locator call = desk.locator("#calls li.call[data-call-id='" + callId + "']");
    call.locator("select").selectOption("agentId");
    call.getByLabel("Transfer to", new Locator.GetByLabelOptions().setExact(true)).fill(secondAgentId);
    call.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Transfer")).click();

    Locator offer = secondDesk.locator("#offers li.offer[data-call-id='" + callId + "']");
    assertThat(offer).isVisible();
    offer.getByText("Accept").click();
    Locator secondMedia = secondDesk.locator("#calls li.call[data-call-id='" + callId + "']");
    assertThat(secondMedia).hasAttribute("data-connection", "connected");
    assertThat(desk.locator("#calls li.call")).hasCount(0);
    assertThat(customerPage.locator("#call-state")).hasAttribute("data-state", "CONNECTED");
    assertRising(secondMedia, "data-packets-received");
    assertRising(customerPage.locator("#media"), "data-packets-received");
  }

  @Test
  @Order(10)
  void theSecondAgentHangsUpWrapsUpAndSeesTheCallInTheHistory() {
    Locator call = secondDesk.locator("#calls li.call[data-call-id='" + callId + "']");
    call.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Hang up")).click();
    assertThat(customerPage.locator("#call-state")).hasAttribute("data-state", "ENDED");
    assertThat(secondDesk.locator("#wrap-up")).isVisible();
    assertThat(secondDesk.locator("#status")).hasAttribute("data-activity", "wrap-up");
    assertThat(secondDesk.locator("#wrap-up-disposition")).isFocused();
    secondDesk.locator("#wrap-up-disposition").selectOption("resolved");
    secondDesk.locator("#wrap-up-notes").fill("reset the password");
    secondDesk.getByText("Finish wrap-up").click();
    assertThat(secondDesk.locator("#wrap-up")).isHidden();
    assertThat(secondDesk.locator("#status")).hasAttribute("data-activity", "idle");

    Locator row = secondDesk.locator("#history tr[data-call-id='" + callId + "']");
    // The history refreshes after the wrap-up; call-state projects it a moment after.
    assertEventually("the history showing the disposition", () -> {
      secondDesk.locator("#h-history").click();
      return "resolved".equals(row.locator("td.disposition").textContent());
    });
    assertThat(row.locator("td.transfers")).hasText("1");
    assertThat(row.locator("td.hold")).containsText("(1×)");
    assertThat(row.locator("td.talk")).not().hasText("—");
    row.getByText("Details").click();
    Locator detail = secondDesk.locator("#call-detail");
    assertThat(detail).containsText("CallHeld");
    assertThat(detail).containsText("CallResumed");
    assertThat(detail).containsText("CallTransferred");
    assertThat(detail).containsText("CallWrappedUp");
    assertThat(detail).containsText("DtmfReceived");
    assertThat(detail.locator("dt:text-is('Keys pressed') + dd")).hasText("4 #");
    SharedBrowser.Session.screenshot(secondDesk, "desk-history");

    Locator answered = wallboard.locator("section.queue[data-queue=" + QUEUE + "] .tile")
        .filter(new Locator.FilterOptions().setHasText("Answered")).locator(".value");
    assertThat(answered).hasText("1");
    SharedBrowser.Session.screenshot(wallboard, "wallboard-answered");
    // The customer's page outlived its first 20 s token: it renewed it, and its socket went on.
    assertThat(customerPage.locator("body")).hasAttribute("data-token-renewals", Pattern.compile("[1-9][0-9]*"));
    agent.assertNoConsoleErrors();
    secondAgent.assertNoConsoleErrors();
    customer.assertNoConsoleErrors();
  }

  @Test
  @Order(11)
  void aReloadedDeskStillGetsTheRingingOffer() {
    Session caller = browser.newSession();
    try {
      Page page = caller.newPage();
      page.setDefaultTimeout(WAIT_MS);
      page.navigate(gateway + "/call/?key=" + widgetKey + "&queue=" + QUEUE);
      page.getByText("Call now").click();
      Locator offer = desk.locator("#offers li.offer");
      assertThat(offer).isVisible();
      String ringing = offer.getAttribute("data-call-id");

      desk.reload();
      Locator again = desk.locator("#offers li.offer[data-call-id='" + ringing + "']");
      assertThat(again).isVisible();
      again.getByText("Decline").click();
      assertThat(desk.locator("#offers li.offer[data-call-id='" + ringing + "']")).hasCount(0);
      page.getByText("Hang up").click();
      // Declined, the call rings again (this is the queue's one agent): hanging up cancels it.
      assertThat(page.locator("#call-state")).hasAttribute("data-state", Pattern.compile("ABANDONED|CANCELLED"));
      assertThat(desk.locator("#offers li.offer")).hasCount(0);
    } finally {
      caller.close();
    }
  }

  @Test
  @Order(12)
  void onARingAllQueueOneAnswersAndTheOtherDesksStopRinging() {
    Logins logins = new Logins(settings);
    String adminToken = logins.adminToken();
    GatewayRequests requests = new GatewayRequests(settings, java.time.Duration.ofSeconds(30));
    String thirdAgentId = "cy-" + UUID.randomUUID().toString().substring(0, 6);
    logins.create(adminToken, thirdAgentId, AGENT_PASSWORD, java.util.List.of("agent"), thirdAgentId);
    assertThat(requests.answer(adminToken, "PUT", "/api/v1/queues/" + RING_ALL,
        java.util.Map.of("strategy", "RING_ALL")).status()).isIn(200, 201);
    GatewayRequests.Answer key = requests.answer(adminToken, "POST", "/api/v1/widget-keys",
        java.util.Map.of("label", "everyone", "queue", RING_ALL, "allowedOrigins", java.util.List.of(gateway)));
    assertThat(key.status()).isEqualTo(201);

    Session third = browser.newSession();
    try {
      Page thirdDesk = signIn(third, "/desk/", thirdAgentId, AGENT_PASSWORD);
      Page[] desks = {desk, secondDesk, thirdDesk};
      for (Page page : desks) {
        startShift(page, RING_ALL);
      }
      Session caller = browser.newSession();
      try {
        Page page = caller.newPage();
        page.setDefaultTimeout(WAIT_MS);
        page.navigate(gateway + "/call/?key=" + key.body().path("id").asString() + "&queue=" + RING_ALL);
        page.getByText("Call now").click();
        for (Page each : desks) {
          assertThat(each.locator("#offers li.offer")).hasCount(1);
        }
        String ringing = thirdDesk.locator("#offers li.offer").getAttribute("data-call-id");
        thirdDesk.locator("#offers li.offer").getByText("Accept").click();
        assertThat(thirdDesk.locator("#calls li.call[data-call-id='" + ringing + "']")).hasAttribute("data-connection", "connected");
        // The two others stop ringing: answered elsewhere.
        assertThat(secondDesk.locator("#offers li.offer[data-call-id='" + ringing + "']")).hasCount(0);
        assertThat(desk.locator("#offers li.offer[data-call-id='" + ringing + "']")).hasCount(0);
        assertThat(page.locator("#call-state")).hasAttribute("data-state", "CONNECTED");
        page.getByText("Hang up").click();
        assertThat(thirdDesk.locator("#wrap-up")).isVisible();
        caller.assertNoConsoleErrors();
      } finally {
        caller.close();
      }
      third.assertNoConsoleErrors();
    } finally {
      third.close();
    }
  }

  @Test
  @Order(13)
  void aClosedDeskGoesOfflineAfterTheGracePeriod() {
    Locator row = wallboard.locator("#agents tr[data-agent='" + agentId + "']");
    assertThat(row).not().hasAttribute("data-status", "OFFLINE");
    desk.close();
    // No session on any instance for the grace period (8 s here): the gateway publishes OFFLINE.
    assertThat(row).hasAttribute("data-status", "OFFLINE");
    SharedBrowser.Session.screenshot(wallboard, "wallboard");
  }

  @Test
  @Order(14)
  void theAgentsFilterByStatusAndNameAndTheFilterOutlivesAReload() {
    Locator filter = wallboard.locator("#agent-filter");
    Locator rows = wallboard.locator("#agents tbody tr");
    Locator first = wallboard.locator("#agents tr[data-agent='" + agentId + "']");
    Locator second = wallboard.locator("#agents tr[data-agent='" + secondAgentId + "']");
    assertThat(second).isVisible();
    filter.getByLabel("Status").selectOption("OFFLINE");
    assertThat(second).hasCount(0);
    assertThat(first).hasAttribute("data-status", "OFFLINE");
    assertThat(wallboard.locator("#agents tbody tr:not([data-status=OFFLINE])")).hasCount(0);
    assertThat(wallboard.locator("#agent-totals")).containsText("status offline");

    wallboard.reload();
    assertThat(filter.getByLabel("Status")).hasValue("OFFLINE");
    assertThat(first).isVisible();
    assertThat(second).hasCount(0);
    assertThat(wallboard.locator("#agents tbody tr:not([data-status=OFFLINE])")).hasCount(0);

    filter.getByLabel("Status").selectOption("Any");
    filter.getByLabel("Name").fill(secondAgentId);
    assertThat(second).isVisible();
    assertThat(rows).hasCount(1);
    filter.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Clear filters")).click();
    assertThat(first).isVisible();
    assertThat(second).isVisible();
    supervisor.assertNoConsoleErrors();
  }

  @Test
  @Order(15)
  void theTvModeShowsTheFiguresWithoutControls() {
    wallboard.navigate(gateway + "/wallboard/?tv=1");
    assertThat(wallboard.locator("body")).hasClass(Pattern.compile("\\btv\\b"));
    Locator queue = wallboard.locator("section.queue[data-queue=" + QUEUE + "]");
    assertThat(queue.locator(".tile[data-tile=answered] .value")).isVisible();
    assertThat(queue.locator("details.levels")).isHidden();
    assertThat(wallboard.locator("#agent-filter")).isHidden();
    assertThat(wallboard.locator("#agents tr[data-agent='" + secondAgentId + "']")).isVisible();
    assertThat(wallboard.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Leave TV mode"))).isVisible();
    assertThat(wallboard.locator("#freshness")).containsText("Updated");
    SharedBrowser.Session.screenshot(wallboard, "wallboard-tv");
    supervisor.assertNoConsoleErrors();
  }

  @Test
  @Order(16)
  void aVideoCallShowsBothCamerasTheCameraTurnsOffAndOnAndTheAgentSharesItsScreen() {
    startShift(secondDesk, QUEUE);
    Session caller = browser.newSession();
    try {
      Page page = caller.newPage();
      page.setDefaultTimeout(WAIT_MS);
      page.navigate(gateway + "/call/?key=" + widgetKey + "&queue=" + QUEUE);
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Video call")).click();
      Locator offer = secondDesk.locator("#offers li.offer");
      assertThat(offer).containsText("Incoming video call");
      String video = offer.getAttribute("data-call-id");
      offer.getByText("Accept").click();

      Locator agentMedia = secondDesk.locator("#calls li.call[data-call-id='" + video + "']");
      Locator customerMedia = page.locator("#media");
      assertThat(agentMedia).hasAttribute("data-connection", "connected");
      assertThat(customerMedia).hasAttribute("data-connection", "connected");
      // Each side decodes the other's fake camera, and hears it.
      assertRising(agentMedia, "data-frames-decoded");
      assertRising(customerMedia, "data-frames-decoded");
      assertRising(agentMedia, "data-packets-received");
      assertRising(customerMedia, "data-packets-received");
      assertThat(secondDesk.locator("#video-area")).isVisible();
      assertThat(page.locator("#video-area")).isVisible();
      SharedBrowser.Session.screenshot(secondDesk, "desk-video");
      SharedBrowser.Session.screenshot(page, "call-video");

      // The customer's camera off: no more pictures reach the agent, the sound goes on; on again.
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Camera off")).click();
      assertThat(customerMedia).hasAttribute("data-camera", "false");
      assertStopped(agentMedia, "data-video-packets-received");
      assertRising(agentMedia, "data-packets-received");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Camera on")).click();
      assertRising(agentMedia, "data-frames-decoded");

      // The agent shares its screen in place of its camera: the customer's picture changes size.
      String cameraWidth = customerMedia.getAttribute("data-video-width");
      agentMedia.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Share screen")).click();
      assertThat(agentMedia).hasAttribute("data-sharing", "true");
      assertThat(page.locator("#remote-video")).hasAttribute("data-screen", "true");
      assertEventually("the screen's width instead of the camera's " + cameraWidth, () -> {
        String width = customerMedia.getAttribute("data-video-width");
        return width != null && !width.isBlank() && !width.equals(cameraWidth);
      });
      assertRising(customerMedia, "data-frames-decoded");
      SharedBrowser.Session.screenshot(page, "call-screen-share");
      agentMedia.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Stop sharing")).click();
      assertThat(agentMedia).hasAttribute("data-sharing", "false");
      assertThat(page.locator("#remote-video")).hasAttribute("data-screen", "false");

      page.getByText("Hang up").click();
      assertThat(secondDesk.locator("#wrap-up")).isVisible();
      secondDesk.getByText("Finish wrap-up").click();
      // The camera and the screen changes are the call's events in call-state.
      Locator row = secondDesk.locator("#history tr[data-call-id='" + video + "']");
      Locator changes = secondDesk.locator("#call-detail li").filter(new Locator.FilterOptions()
          .setHasText("ParticipantUpdated"));
      assertEventually("the video call's four media changes in its detail", () -> {
        secondDesk.locator("#h-history").click();
        if (row.count() != 1) {
          return false;
        }
        row.getByText("Details").click();
        return changes.count() == 4;
      });
      caller.assertNoConsoleErrors();
      secondAgent.assertNoConsoleErrors();
    } finally {
      caller.close();
    }
  }

  private static void startShift(Page page, String queue) {
    assertThat(page.locator("#connection")).hasAttribute("data-state", "connected");
    page.locator("#shift-queues").fill(queue);
    page.locator("#shift-skills").fill("english:7");
    page.getByText("Start shift").click();
    page.getByText("Go available").click();
    assertThat(page.locator("#status")).hasAttribute("data-status", "AVAILABLE");
  }

  private static void waitForCallState(String state) {
    Locator chip = wallboard.locator("#active tr[data-call-id='" + callId + "']");
    assertThat(chip).hasAttribute("data-state", state);
  }

  private static long number(Locator element, String attribute) {
    String value = element.getAttribute(attribute);
    return value == null || value.isBlank() ? 0 : (long) Double.parseDouble(value);
  }

  /** The attribute's number grows (the page refreshes it from getStats() every second). */
  private static void assertRising(Locator element, String attribute) {
    long first = number(element, attribute);
    assertEventually(attribute + " rising past " + first, () -> number(element, attribute) > first + 10);
  }

  private static void assertPositive(Locator element, String attribute) {
    assertEventually(attribute + " above 0", () -> Double.parseDouble(element.getAttribute(attribute)) > 0);
  }

  /** The attribute's number stops changing: the same value seen for two seconds in a row. */
  private static void assertStopped(Locator element, String attribute) {
    long[] last = {number(element, attribute), System.nanoTime()};
    assertEventually(attribute + " unchanged for 2 s", () -> {
      long now = number(element, attribute);
      if (now != last[0]) {
        last[0] = now;
        last[1] = System.nanoTime();
      }
      return System.nanoTime() - last[1] >= 2_000_000_000L;
    });
  }

  private static void assertEventually(String what, java.util.function.BooleanSupplier condition) {
    Poll.until(java.time.Duration.ofMillis((long) WAIT_MS), what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
  }
}
