// The customer's call page, reached with a widget key (/call/?key=wk_…&queue=…): trades the key for a
// customer token, places the call, follows it (polled every 2 s until the customer's WebSocket
// channel arrives), hangs up, asks for a callback.
import {api} from "./api.js";
import {$, say} from "./dom.js";

const POLL_MS = 2000;
const STATES = {
  INITIATING: "Connecting…", QUEUED: "You are in the queue", RINGING: "An agent is being called…",
  CONNECTING: "Connecting you…", CONNECTED: "Connected with an agent", ON_HOLD: "On hold", RECONNECTING: "Reconnecting…",
  ENDED: "The call has ended", ABANDONED: "You left the queue", CANCELLED: "The call was cancelled", FAILED: "The call could not be connected",
};
const params = new URLSearchParams(location.search);
const key = params.get("key");
const queue = params.get("queue");
const message = $("#message");
let token;
let callId;
let lastState;
let timer;

$("#queue-name").textContent = queue ?? "our team";
if (!key) {
  say(message, "This page needs a widget key in its address (?key=…).", "error");
  $("#place").disabled = true;
}

$("#place").addEventListener("click", async () => {
  $("#place").disabled = true;
  say(message, "");
  try {
    ({token} = await api("/api/v1/widget/token", {method: "POST", body: {key}, token: null}));
    const body = {attributes: {page: location.pathname}};
    if (queue) body.queue = queue;
    ({callId} = await api("/api/v1/calls", {method: "POST", body, token}));
    show("INITIATING");
    $("#in-call").hidden = false;
    $("#start").hidden = true;
    $("#hang-up").focus();
    // call-state projects the call a moment after it is made.
    timer = setTimeout(follow, 1000);
  } catch (error) {
    $("#place").disabled = false;
    say(message, error.message, "error");
  }
});

function show(state, position) {
  const terminal = ["ENDED", "ABANDONED", "CANCELLED", "FAILED"].includes(state);
  $("#call-state").textContent = STATES[state] ?? state;
  $("#call-state").dataset.state = state;
  $("#position").textContent = state === "QUEUED" && position ? "Place in queue: " + position : "";
  $("#callback-form").hidden = state !== "QUEUED";
  $("#hang-up").hidden = terminal;
  if (terminal) clearTimeout(timer);
}

async function follow() {
  try {
    const call = await api("/api/v1/calls/" + callId, {token});
    const decisions = call.routingDecisions ?? [];
    const position = [...decisions].reverse().find(decision => decision.position)?.position;
    if (call.state !== lastState) {
      lastState = call.state;
      show(call.state, position);
    }
    if (["ENDED", "ABANDONED", "CANCELLED", "FAILED"].includes(call.state)) return;
  } catch (error) {
    // Just made, the call may not be projected yet (404): keep following.
    if (error.status !== 404) say(message, error.message, "error");
  }
  timer = setTimeout(follow, POLL_MS);
}

$("#hang-up").addEventListener("click", async () => {
  try {
    const {outcome} = await api("/api/v1/calls/" + callId + "/end", {method: "POST", body: {reason: "customer hung up"}, token});
    lastState = outcome;
    show(outcome);
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
