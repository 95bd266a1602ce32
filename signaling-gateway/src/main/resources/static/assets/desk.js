// The agent desktop: start a shift (sign-in with queues and skills), status with break reasons,
// offers from the WebSocket with accept and decline, the call in hand, own history.
import {api} from "./api.js";
import {hasRole} from "./auth.js";
import {$, h, replace, say, seconds, time} from "./dom.js";
import {staffPage} from "./page.js";
import {AgentSocket} from "./socket.js";

const SHIFT = "switchboard.desk.shift";
const STATE_TEXT = {connecting: "Connecting…", connected: "Connected", reconnecting: "Reconnecting…", failed: "Disconnected"};

const user = await staffPage(["agent"], "The agent desktop needs an agent's login.");
const agentId = user.claims.agent_id;
const message = $("#message");
const offers = new Map();
const calls = new Map();
let socket;
let status = "OFFLINE";

$("#agent-id").textContent = agentId;
const saved = JSON.parse(localStorage.getItem(SHIFT) ?? "null");
const params = new URLSearchParams(location.search);
$("#shift-queues").value = params.get("queues") ?? saved?.queues ?? "";
$("#shift-skills").value = saved?.skills ?? "";
$("#shift-name").value = saved?.displayName ?? user.claims.preferred_username ?? "";

function parseSkills(text) {
  return text.split(",").map(part => part.trim()).filter(Boolean).map(part => {
    const [name, level] = part.split(":").map(value => value.trim());
    return {name, level: Number(level || 5)};
  });
}

$("#shift").addEventListener("submit", async event => {
  event.preventDefault();
  const queues = $("#shift-queues").value.split(",").map(queue => queue.trim()).filter(Boolean);
  const shift = {displayName: $("#shift-name").value.trim() || undefined, queues, skills: parseSkills($("#shift-skills").value)};
  try {
    await api("/api/v1/agents/" + encodeURIComponent(agentId) + "/sign-in", {method: "POST", body: shift});
    localStorage.setItem(SHIFT, JSON.stringify({queues: queues.join(", "), skills: $("#shift-skills").value, displayName: shift.displayName}));
    status = "OFFLINE";
    $("#status-panel").hidden = false;
    showStatus();
    say(message, "Shift started in " + (queues.join(", ") || "no queue") + ".");
    $("#go-available").focus();
  } catch (error) {
    say(message, error.message, "error");
  }
});

async function setStatus(next, reason) {
  try {
    await api("/api/v1/agents/" + encodeURIComponent(agentId) + "/status", {method: "PUT", body: {status: next, reason}});
    status = next;
    showStatus(reason);
  } catch (error) {
    say(message, error.message, "error");
  }
}

function showStatus(reason) {
  const label = status === "BREAK" && reason ? "Break: " + reason : status.replace("_", " ").toLowerCase();
  $("#status").textContent = label;
  $("#status").dataset.status = status;
}

$("#go-available").addEventListener("click", () => setStatus("AVAILABLE"));
$("#go-offline").addEventListener("click", () => setStatus("OFFLINE"));
$("#break-form").addEventListener("submit", event => {
  event.preventDefault();
  setStatus("BREAK", $("#break-reason").value);
});

function showConnection(state) {
  const element = $("#connection");
  element.textContent = STATE_TEXT[state];
  element.dataset.state = state;
  $("#reconnect").hidden = state !== "failed";
}

$("#reconnect").addEventListener("click", () => location.reload());

function renderOffers() {
  replace($("#offers"), [...offers.values()].map(offer => h("li", {class: "offer", dataset: {callId: offer.callId}},
    h("strong", {}, "Incoming call" + (offer.callback ? " (callback)" : "")),
    h("span", {}, " queue " + offer.queue + ", until " + time(offer.expiresAt)),
    h("div", {class: "actions"},
      h("button", {type: "button", onclick: () => accept(offer.callId)}, "Accept"),
      h("button", {type: "button", class: "secondary", onclick: () => decline(offer.callId)}, "Decline")))));
  $("#offers-empty").hidden = offers.size > 0;
  document.title = (offers.size ? "(" + offers.size + ") Ringing — " : "") + "Agent desktop — Switchboard";
}

function renderCalls() {
  replace($("#calls"), [...calls.values()].map(call => h("li", {class: "call", dataset: {callId: call.callId}},
    h("strong", {}, "On call"), h("span", {}, " " + call.callId),
    h("div", {class: "actions"}, h("button", {type: "button", class: "danger", onclick: () => hangUp(call.callId)}, "Hang up")))));
  $("#calls-empty").hidden = calls.size > 0;
}

function accept(callId) {
  if (!socket.send("call:accept", {callId})) say(message, "Not connected: the offer cannot be accepted now", "error");
}

function decline(callId) {
  socket.send("call:decline", {callId, reason: "declined at the desk"});
  offers.delete(callId);
  renderOffers();
}

function hangUp(callId) {
  socket.send("call:end", {callId, reason: "agent hung up"});
}

function onMessage({type, data}) {
  switch (type) {
    case "call:incoming":
      offers.set(data.callId, data);
      renderOffers();
      $("#offers button")?.focus();
      break;
    case "call:accepted":
      offers.delete(data.callId);
      calls.set(data.callId, data);
      renderOffers();
      renderCalls();
      say(message, "Call accepted.");
      break;
    case "call:declined":
      offers.delete(data.callId);
      renderOffers();
      break;
    case "call:ended":
      offers.delete(data.callId);
      calls.delete(data.callId);
      renderOffers();
      renderCalls();
      loadHistory();
      break;
    case "call:error":
      say(message, data.message, "error");
      break;
    default:
      break;
  }
}

async function loadHistory() {
  try {
    const page = await api("/api/v1/calls?limit=10");
    replace($("#history tbody"), (page.items ?? []).map(call => h("tr", {},
      h("td", {}, time(call.createdAt ?? call.queuedAt)), h("td", {}, call.queue ?? "—"),
      h("td", {}, (call.outcome ?? call.state ?? "").toLowerCase()), h("td", {}, seconds(call.talkMs)))));
    $("#history-empty").hidden = (page.items ?? []).length > 0;
  } catch (error) {
    say($("#history-message"), "History unavailable: " + error.message, "error");
  }
}

// An agent's token may not read queue statistics (supervisors only): the push of queue:stats to the
// desk will fill this panel; until then it says so rather than failing.
$("#queue-figures").textContent = hasRole(user, "supervisor", "admin")
  ? "See the wallboard for live queue figures."
  : "Live figures of your queues arrive with the queue:stats push.";

socket = new AgentSocket({onMessage, onState: showConnection});
socket.connect();
renderOffers();
renderCalls();
loadHistory();
