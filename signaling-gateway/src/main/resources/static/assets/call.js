// The customer's call page, reached with a widget key (/call/?key=wk_…&queue=…): trades the key for a
// customer token, opens the customer's WebSocket, places the call, follows it from the socket's
// frames (place in the queue, estimated wait, the agent's answer, the end), talks with the agent over
// WebRTC (the agent's page makes the offer, this page answers), with the camera too for a video call
// (turned off and on), hangs up, asks for a callback. The customer token is renewed before it expires
// (same customer, so the call stays its own), and the socket told (auth:refresh).
import {api} from "./api.js";
import {$, say} from "./dom.js";
import {CallMedia} from "./rtc.js";
import {AgentSocket} from "./socket.js";

const STATES = {
  INITIATING: "Connecting…", QUEUED: "You are in the queue", RINGING: "An agent is being called…",
  CONNECTING: "Connecting you…", CONNECTED: "Connected with an agent", ON_HOLD: "On hold", RECONNECTING: "Reconnecting…",
  ENDED: "The call has ended", ABANDONED: "You left the queue", CANCELLED: "The call was cancelled", FAILED: "The call could not be connected",
};
const TERMINAL = ["ENDED", "ABANDONED", "CANCELLED", "FAILED", "TRANSFERRED", "MISSED", "DECLINED", "BUSY"];
const params = new URLSearchParams(location.search);
const key = params.get("key");
const queue = params.get("queue");
const message = $("#message");
let token;
let callId;
let state;
let socket;
let media;
let video = false;
let renewal;

/** The token's lifetime from its own claims (exp − iat), not from the browser's clock. */
function lifetimeMs(jwt) {
  try {
    const claims = JSON.parse(atob(jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    return (claims.exp - claims.iat) * 1000;
  } catch {
    return null;
  }
}

/** Renews the token once 80 % of its lifetime has passed, and again for each new one. */
function renewLater() {
  clearTimeout(renewal);
  const lifetime = lifetimeMs(token);
  if (!lifetime || lifetime <= 0) return;
  renewal = setTimeout(async () => {
    try {
      ({token} = await api("/api/v1/widget/token/renew", {method: "POST", token}));
      socket?.send("auth:refresh", {token});
      document.body.dataset.tokenRenewals = String(Number(document.body.dataset.tokenRenewals ?? 0) + 1);
      renewLater();
    } catch (error) {
      say(message, "Your session could not be extended: " + error.message, "error");
    }
  }, lifetime * 0.8);
}

$("#queue-name").textContent = queue ?? "our team";
if (!key) {
  say(message, "This page needs a widget key in its address (?key=…).", "error");
  $("#place").disabled = true;
}

if (!key) $("#place-video").disabled = true;
$("#place").addEventListener("click", () => start(false));
$("#place-video").addEventListener("click", () => start(true));

async function start(withVideo) {
  video = withVideo;
  $("#place").disabled = true;
  $("#place-video").disabled = true;
  say(message, "");
  try {
    ({token} = await api("/api/v1/widget/token", {method: "POST", body: {key}, token: null}));
    renewLater();
    // The socket first: the gateway tells this session about the calls it creates from then on.
    socket = new AgentSocket({token: () => token, onMessage, onState: socketState, onOpen: again => (again ? resync() : placeCall())});
    socket.connect();
  } catch (error) {
    $("#place").disabled = false;
    $("#place-video").disabled = false;
    say(message, error.message, "error");
  }
}

async function placeCall() {
  try {
    const body = {attributes: {page: location.pathname, media: video ? "video" : "audio"}};
    if (queue) body.queue = queue;
    ({callId} = await api("/api/v1/calls", {method: "POST", body, token}));
    show("INITIATING");
    $("#in-call").hidden = false;
    $("#start").hidden = true;
    $("#hang-up").focus();
  } catch (error) {
    socket.close();
    $("#place").disabled = false;
    $("#place-video").disabled = false;
    say(message, error.message, "error");
  }
}

/** After a reconnect: the call as call-state has it, since frames sent meanwhile were missed. */
async function resync() {
  if (!callId) return placeCall();
  try {
    const call = await api("/api/v1/calls/" + callId, {token});
    if (TERMINAL.includes(call.state)) finish(call.state);
  } catch (error) {
    if (error.status !== 404) say(message, error.message, "error");
  }
}

function socketState(value) {
  if (value === "reconnecting") say(message, "Connection lost, reconnecting…", "error");
  else if (value === "connected" && message.dataset.kind === "error") say(message, "");
  else if (value === "failed") say(message, "The connection is lost. Reload the page to call again.", "error");
}

function show(next, {position, estimatedWaitSeconds} = {}) {
  state = next;
  const terminal = TERMINAL.includes(next);
  $("#call-state").textContent = STATES[next] ?? next.toLowerCase();
  $("#call-state").dataset.state = next;
  if (next !== "QUEUED") {
    $("#position").textContent = "";
    $("#wait").textContent = "";
  } else {
    if (position) $("#position").textContent = "Place in queue: " + position;
    if (estimatedWaitSeconds !== undefined) {
      $("#wait").textContent = estimatedWaitSeconds === null ? ""
        : "Estimated wait: " + (estimatedWaitSeconds < 60 ? "under a minute" : "about " + Math.round(estimatedWaitSeconds / 60) + " min");
    }
  }
  $("#callback-form").hidden = next !== "QUEUED";
  $("#hang-up").hidden = terminal;
  $("#mute").hidden = !media || terminal;
  $("#camera").hidden = !media?.video || terminal;
}

function finish(outcome, reason) {
  clearTimeout(renewal);
  media?.close();
  media = null;
  show(outcome);
  showMedia();
  if (reason) say(message, reason);
  socket?.close();
}

function showMedia() {
  const element = $("#media");
  $("#video-area").hidden = !media?.hasVideo;
  if (!media) {
    element.hidden = true;
    return;
  }
  const {packetsReceived, packetsSent, audioEnergy, video: pictures} = media.stats;
  element.hidden = false;
  element.dataset.videoPacketsReceived = pictures.packetsReceived;
  element.dataset.framesDecoded = pictures.framesDecoded;
  element.dataset.videoWidth = pictures.width ?? "";
  element.dataset.videoPacketsSent = pictures.packetsSent;
  element.dataset.camera = media.cameraOn;
  element.dataset.connection = media.connectionState;
  element.dataset.packetsReceived = packetsReceived;
  element.dataset.packetsSent = packetsSent;
  element.dataset.audioEnergy = audioEnergy;
  element.dataset.held = media.held;
  element.textContent = media.connectionState === "connected"
    ? (media.held ? (media.hasVideo ? "Audio and video paused while on hold" : "Audio paused while on hold")
      : (media.hasVideo ? "Audio and video connected" : "Audio connected") + (media.muted ? " (your microphone is muted)" : ""))
    : "Audio: " + media.connectionState;
  if (TERMINAL.includes(state)) return;
  if (media.connectionState === "connected") show(media.held ? "ON_HOLD" : "CONNECTED");
  else if (["disconnected", "failed"].includes(media.connectionState) && state !== "CONNECTING") show("RECONNECTING");
}

function onMessage({type, data}) {
  if (data?.callId && data.callId !== callId) return;
  switch (type) {
    case "call:queued":
      media?.close();
      media = null;
      showMedia();
      show("QUEUED", data);
      if (data.callback) say(message, "We will call you back. You keep your place in the queue.");
      break;
    case "call:accepted":
      show("CONNECTING");
      media?.close();
      media = new CallMedia({callId, offerer: false, send: (kind, body) => socket.send(kind, body), token: () => token,
        audioElement: $("#remote-audio"), video, videoElement: $("#remote-video"), localVideoElement: $("#local-video"),
        onChange: showMedia});
      media.start().catch(error => say(message, "Your " + (video ? "camera or microphone" : "microphone")
        + " cannot be used: " + error.message, "error"));
      showMedia();
      break;
    case "call:ended":
      finish(data.outcome ?? "ENDED");
      break;
    case "webrtc:offer":
    case "webrtc:answer":
    case "webrtc:ice_candidate":
      media?.signal(type, data).catch(error => say(message, "The audio could not be set up: " + error.message, "error"));
      break;
    case "call:participant_updated":
      // The agent shares its screen: it shows where the agent's camera was.
      if (data.participant?.role === "AGENT") {
        const sharing = Boolean(data.participant.screenShare);
        if (sharing !== ($("#remote-video").dataset.screen === "true")) say(message, sharing ? "The agent is showing you its screen." : "");
        $("#remote-video").dataset.screen = String(sharing);
      }
      break;
    case "call:error":
      say(message, data.message, "error");
      break;
    default:
      break;
  }
}

$("#mute").addEventListener("click", () => {
  if (!media) return;
  media.mute(!media.muted);
  $("#mute").textContent = media.muted ? "Unmute" : "Mute";
  $("#mute").setAttribute("aria-pressed", String(media.muted));
});

$("#camera").addEventListener("click", async () => {
  if (!media) return;
  const on = !media.cameraOn;
  if (!socket.send("call:toggle_video", {callId, enabled: on})) return;
  await media.setCamera(on);
  $("#camera").textContent = on ? "Camera off" : "Camera on";
  $("#camera").setAttribute("aria-pressed", String(!on));
});

$("#hang-up").addEventListener("click", async () => {
  try {
    const {outcome} = await api("/api/v1/calls/" + callId + "/end", {method: "POST", body: {reason: "customer hung up"}, token});
    finish(outcome);
  } catch (error) {
    say(message, error.message, "error");
  }
});

$("#callback-form").addEventListener("submit", async event => {
  event.preventDefault();
  const input = $("#callback-number");
  const number = input.value.replace(/[\s()-]/g, "");
  if (!/^\+?[0-9]{4,20}$/.test(number)) {
    input.setAttribute("aria-invalid", "true");
    say($("#callback-error"), "Enter a phone number such as +4930123456.", "error");
    input.focus();
    return;
  }
  input.removeAttribute("aria-invalid");
  say($("#callback-error"), "");
  try {
    await api("/api/v1/calls/" + callId + "/callback", {method: "POST", body: {number}, token});
    say(message, "We will call you back at " + number + ". You keep your place in the queue.");
  } catch (error) {
    say(message, error.message, "error");
  }
});
