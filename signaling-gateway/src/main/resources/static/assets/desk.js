// The agent desktop: start a shift (sign-in with queues and skills), status with break reasons,
// offers from the WebSocket with a ring tone, accept and decline, the call in hand with its audio
// (WebRTC, this page makes the offers; the camera too on a video call), mute, camera off and on,
// screen share, hold and resume, blind transfer, hang up, the call's event log (accepted, hold,
// resume, keys pressed on a phone), the wrap-up with its timer and disposition, own history with
// each call's detail.
import {api} from "./api.js";
import {accessToken} from "./auth.js";
import {$, figure, h, percent, replace, say, seconds, time} from "./dom.js";
import {staffPage} from "./page.js";
import {CallMedia} from "./rtc.js";
import {Ringer} from "./ringer.js";
import {AgentSocket} from "./socket.js";

const SHIFT = "switchboard.desk.shift";
const METHOD_TEXT = {RFC4733: "RFC 4733", SIP_INFO: "SIP INFO"};
const STATE_TEXT = {connecting: "Connecting…", connected: "Connected", reconnecting: "Reconnecting…", failed: "Disconnected"};

const user = await staffPage(["agent"], "The agent desktop needs an agent's login.");
const agentId = user.claims.agent_id;
const message = $("#message");
const offers = new Map();
const calls = new Map();
const ringer = new Ringer();
let socket;
let status = "OFFLINE";
let wrapUp = null;

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

let breakReason;

/**
 * The status the agent set, and what it is doing meanwhile: ringing, on a call, in wrap-up (routing
 * offers it nothing then, whatever the status says).
 */
function showStatus(reason = breakReason) {
  breakReason = status === "BREAK" ? reason : undefined;
  const label = status === "BREAK" && reason ? "Break: " + reason : status.replace("_", " ").toLowerCase();
  const activity = calls.size ? "on-call" : wrapUp ? "wrap-up" : offers.size ? "ringing" : "idle";
  const doing = {"on-call": "on a call", "wrap-up": "in wrap-up", ringing: "ringing"}[activity];
  $("#status").textContent = label + (doing ? " · " + doing : "");
  $("#status").dataset.status = status;
  $("#status").dataset.activity = activity;
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
    h("strong", {}, "Incoming " + (offer.media === "video" ? "video call" : "call") + (offer.callback ? " (callback)" : "")),
    h("span", {}, " queue " + offer.queue + ", until " + time(offer.expiresAt)),
    h("div", {class: "actions"},
      h("button", {type: "button", onclick: () => accept(offer.callId)}, "Accept"),
      h("button", {type: "button", class: "secondary", onclick: () => decline(offer.callId)}, "Decline")))));
  $("#offers-empty").hidden = offers.size > 0;
  showStatus();
  ringer.ring(offers.size > 0);
  document.title = (offers.size ? "(" + offers.size + ") Ringing — " : "") + "Agent desktop — Switchboard";
}

function callState(call) {
  if (call.transferring) return "transferring";
  if (call.media.held) return "on hold";
  return call.media.connectionState === "connected" ? "connected" : "connecting audio (" + call.media.connectionState + ")";
}

function renderCalls() {
  replace($("#calls"), [...calls.values()].map(call => {
    const {packetsReceived, packetsSent, audioEnergy, jitterMs, rttMs, video} = call.media.stats;
    return h("li", {class: "call", dataset: {callId: call.callId, connection: call.media.connectionState, held: call.media.held,
      packetsReceived, packetsSent, audioEnergy, video: call.media.video, camera: call.media.cameraOn, sharing: call.media.sharing,
      videoPacketsReceived: video.packetsReceived, framesDecoded: video.framesDecoded, videoPacketsSent: video.packetsSent}},
      h("strong", {}, "On call"), h("span", {}, " " + call.callId + " · "),
      h("span", {class: "call-state", role: "status"}, callState(call)),
      h("span", {class: "timer", role: "timer"}, " " + seconds(Date.now() - call.since)),
      h("p", {class: "quality"}, "Audio packets in " + packetsReceived + ", out " + packetsSent
        + (jitterMs === null ? "" : ", jitter " + Math.round(jitterMs) + " ms") + (rttMs === null ? "" : ", RTT " + Math.round(rttMs) + " ms")
        + (call.media.hasVideo ? "; video frames in " + video.framesDecoded + (video.width ? " (" + video.width + "×" + video.height + ")" : "")
          + ", packets out " + video.packetsSent : "")),
      h("div", {class: "actions"},
        h("button", {type: "button", class: "secondary", "aria-pressed": String(call.media.muted), onclick: () => toggleMute(call)},
          call.media.muted ? "Unmute" : "Mute"),
        call.media.video ? h("button", {type: "button", class: "secondary", "aria-pressed": String(!call.media.cameraOn),
          onclick: () => toggleCamera(call)}, call.media.cameraOn ? "Camera off" : "Camera on") : null,
        h("button", {type: "button", class: "secondary", "aria-pressed": String(call.media.sharing), onclick: () => toggleShare(call)},
          call.media.sharing ? "Stop sharing" : "Share screen"),
        h("button", {type: "button", class: "secondary", onclick: () => toggleHold(call)}, call.media.held ? "Resume" : "Hold"),
        h("button", {type: "button", class: "danger", onclick: () => hangUp(call.callId)}, "Hang up")),
      h("form", {class: "transfer actions", onsubmit: event => transfer(event, call)},
        h("label", {for: "transfer-target-" + call.callId}, "Transfer to"),
        h("select", {id: "transfer-kind-" + call.callId, "aria-label": "Transfer to an agent or a queue"},
          h("option", {value: "agentId"}, "agent"), h("option", {value: "queue"}, "queue")),
        h("input", {id: "transfer-target-" + call.callId, required: true, placeholder: "agent id or queue name"}),
        h("button", {type: "submit", class: "secondary"}, "Transfer")),
      call.log);
  }));
  $("#calls-empty").hidden = calls.size > 0;
  showStatus();
  $("#video-area").hidden = ![...calls.values()].some(call => call.media.hasVideo);
}

/** Re-renders the calls at most once a second for the timers and figures, not while a control has the focus. */
setInterval(() => {
  if (calls.size && !$("#calls").contains(document.activeElement)) renderCalls();
  if (wrapUp) $("#wrap-up-timer").textContent = seconds(Date.now() - wrapUp.since);
}, 1000);

function startCall(data) {
  if (calls.has(data.callId)) return;
  // The log is one element for the call's life: lines go in as they happen, even while the card is not redrawn.
  const call = {callId: data.callId, since: Date.now(), transferring: false,
    log: h("ol", {class: "call-log", "aria-label": "Events of call " + data.callId, "aria-live": "polite"})};
  call.media = new CallMedia({callId: data.callId, offerer: true, send: (type, body) => socket.send(type, body),
    token: () => accessToken(), audioElement: $("#remote-audio"), video: data.media === "video",
    videoElement: $("#remote-video"), localVideoElement: $("#local-video"), onChange: () => {
      if (!$("#calls").contains(document.activeElement)) renderCalls();
    }});
  // The browser's own "Stop sharing" ended the share.
  call.media.onScreenEnded = () => socket.send("call:toggle_screen_share", {callId: call.callId, enabled: false});
  calls.set(data.callId, call);
  logLine(call, {}, "Call accepted");
  call.media.start().catch(error => say(message, "The microphone cannot be used: " + error.message, "error"));
}

/** One line of the call's event log, with the time it reached this page. */
function logLine(call, dataset, text) {
  call.log.append(h("li", {dataset}, h("span", {class: "time"}, new Date().toLocaleTimeString()), " " + text));
}

/** A key pressed on a phone in the call (call:dtmf): who pressed which key, and how it travelled. */
function keyPressed(data) {
  const call = calls.get(data.callId);
  if (!call) return;
  const who = data.participantId === "customer" ? "The caller" : data.participantId === agentId ? "You" : "Agent " + data.participantId;
  logLine(call, {dtmf: data.digit, participant: data.participantId},
    who + " pressed " + data.digit + " (" + (METHOD_TEXT[data.method] ?? data.method) + ")");
}

function endCall(callId) {
  const call = calls.get(callId);
  if (!call) return null;
  call.media.close();
  calls.delete(callId);
  return call;
}

function toggleMute(call) {
  const muted = !call.media.muted;
  if (socket.send("call:toggle_audio", {callId: call.callId, enabled: !muted})) call.media.mute(muted);
  renderCalls();
}

async function toggleCamera(call) {
  const on = !call.media.cameraOn;
  if (!socket.send("call:toggle_video", {callId: call.callId, enabled: on})) {
    say(message, "Not connected: try again in a moment", "error");
    return;
  }
  await call.media.setCamera(on);
  renderCalls();
}

async function toggleShare(call) {
  const on = !call.media.sharing;
  try {
    await call.media.share(on);
  } catch (error) {
    say(message, "The screen cannot be shared: " + error.message, "error");
    return;
  }
  socket.send("call:toggle_screen_share", {callId: call.callId, enabled: on});
  renderCalls();
}

async function toggleHold(call) {
  const held = !call.media.held;
  if (!socket.send(held ? "call:hold" : "call:resume", {callId: call.callId})) {
    say(message, "Not connected: try again in a moment", "error");
    return;
  }
  await call.media.hold(held);
  logLine(call, {}, held ? "Call on hold" : "Call resumed");
  renderCalls();
}

function transfer(event, call) {
  event.preventDefault();
  const kind = $("#transfer-kind-" + call.callId).value;
  const target = $("#transfer-target-" + call.callId).value.trim();
  if (!target) return;
  if (socket.send("call:transfer", {callId: call.callId, [kind]: target})) {
    call.transferring = true;
    call.transferTarget = target;
    say(message, "Transferring the call to " + kind.replace("Id", "") + " " + target + "…");
    renderCalls();
  }
}

/** The call left this agent (hung up, transferred away): the wrap-up, unless it was transferred. */
function callGone(callId, transferred) {
  const call = endCall(callId);
  renderCalls();
  if (!call) return;
  if (transferred) {
    say(message, "The call was transferred to " + (call.transferTarget ?? "another agent") + ".");
    loadHistory();
    return;
  }
  wrapUp = {callId, since: Date.now()};
  showStatus();
  $("#wrap-up").hidden = false;
  $("#wrap-up-timer").textContent = seconds(0);
  $("#wrap-up-disposition").focus();
  loadHistory();
}

$("#wrap-up-form").addEventListener("submit", event => {
  event.preventDefault();
  if (!wrapUp) return;
  const notes = $("#wrap-up-notes").value.trim();
  if (!socket.send("call:wrap_up", {callId: wrapUp.callId, disposition: $("#wrap-up-disposition").value, notes: notes || undefined})) {
    say(message, "Not connected: the wrap-up cannot be sent now", "error");
    return;
  }
  say(message, "Wrap-up done after " + seconds(Date.now() - wrapUp.since) + ".");
  wrapUp = null;
  $("#wrap-up").hidden = true;
  showStatus();
  $("#wrap-up-notes").value = "";
  // call-state projects the wrap-up a moment later.
  setTimeout(loadHistory, 1500);
});

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
      startCall(data);
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
      renderOffers();
      if (calls.has(data.callId)) callGone(data.callId, false);
      else loadHistory();
      break;
    case "call:participant_left":
      // This agent left the call while it goes on: a blind transfer went through.
      if (data.participant?.id === agentId && calls.has(data.callId)) callGone(data.callId, true);
      break;
    case "call:dtmf":
      keyPressed(data);
      break;
    case "webrtc:offer":
    case "webrtc:answer":
    case "webrtc:ice_candidate":
      calls.get(data.callId)?.media.signal(type, data)
        .catch(error => say(message, "The audio could not be set up: " + error.message, "error"));
      break;
    case "queue:stats":
      queueFigures.set(data.queue, data);
      renderQueueFigures();
      break;
    case "call:error": {
      const call = data.callId ? calls.get(data.callId) : null;
      // Signaling refused for a moment after the accept (call-state not there yet): the offer goes again.
      if (call?.media.refused()) break;
      if (call?.transferring) call.transferring = false;
      say(message, data.message, "error");
      renderCalls();
      break;
    }
    default:
      break;
  }
}

async function loadHistory() {
  try {
    const page = await api("/api/v1/calls?limit=10");
    const items = page.items ?? [];
    replace($("#history tbody"), items.map(call => h("tr", {dataset: {callId: call.callId}},
      h("td", {}, time(call.createdAt ?? call.queuedAt)), h("td", {}, call.queue ?? "—"),
      h("td", {}, (call.outcome ?? call.state ?? "").toLowerCase()), h("td", {class: "talk"}, seconds(call.talkMs)),
      h("td", {class: "hold"}, call.holdCount ? seconds(call.holdMs) + " (" + call.holdCount + "×)" : "—"),
      h("td", {class: "transfers"}, String(call.transferCount ?? 0)),
      h("td", {class: "disposition"}, call.disposition ?? "—"),
      h("td", {}, h("button", {type: "button", class: "secondary", onclick: () => showDetail(call.callId)}, "Details")))));
    $("#history-empty").hidden = items.length > 0;
  } catch (error) {
    say($("#history-message"), "History unavailable: " + error.message, "error");
  }
}

/** One call as call-state has it: its figures, the keys pressed on a phone in it, and its events in order. */
async function showDetail(callId) {
  const panel = $("#call-detail");
  try {
    const call = await api("/api/v1/calls/" + encodeURIComponent(callId));
    const row = (label, value) => [h("dt", {}, label), h("dd", {}, value)];
    replace(panel,
      h("h3", {tabindex: "-1"}, "Call " + call.callId),
      h("dl", {class: "detail"},
        row("Queue", call.queue ?? "—"), row("Outcome", (call.outcome ?? call.state ?? "").toLowerCase()),
        row("Waited", seconds(call.waitMs)), row("Talk", seconds(call.talkMs)),
        row("On hold", seconds(call.holdMs) + " (" + (call.holdCount ?? 0) + "×)"), row("Transfers", String(call.transferCount ?? 0)),
        row("Wrap-up", call.wrapUpMs === null || call.wrapUpMs === undefined ? "—" : seconds(call.wrapUpMs)),
        row("Disposition", call.disposition ?? "—"),
        row("Keys pressed", (call.keyPresses ?? []).map(press => press.digit).join(" ") || "—")),
      h("ol", {class: "events"}, (call.events ?? []).map(event => h("li", {}, time(event.occurredAt) + " " + event.type))));
    panel.hidden = false;
    panel.querySelector("h3").focus();
  } catch (error) {
    say($("#history-message"), "The call cannot be shown: " + error.message, "error");
  }
}

// The agent's own queues, live: each queue:stats frame (the gateway pushes every queue of the tenant;
// the desk shows those of the shift, or all until a shift names some).
const queueFigures = new Map();

function renderQueueFigures() {
  const mine = $("#shift-queues").value.split(",").map(queue => queue.trim()).filter(Boolean);
  const shown = [...queueFigures.values()].filter(stats => !mine.length || mine.includes(stats.queue));
  replace($("#queue-figures"), shown.length
    ? h("ul", {class: "plain"}, shown.map(stats => h("li", {dataset: {queue: stats.queue}},
      h("strong", {}, stats.queue), ": " + figure(stats.waiting) + " waiting, longest " + seconds(stats.longestWaitMs)
        + ", service level " + percent(stats.serviceLevel) + ", " + figure(stats.agentsByStatus?.AVAILABLE) + " agents available")))
    : "No figures yet for your queues.");
}

socket = new AgentSocket({onMessage, onState: showConnection});
socket.connect();
renderOffers();
renderCalls();
loadHistory();
