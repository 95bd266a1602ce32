// The page's WebSocket (switchboard.v1, token as the bearer.<token> subprotocol), reconnecting with
// backoff. States: connecting, connected, reconnecting, failed (docs/web-ui.md). Staff pages use the
// tab's signed-in user; the customer's page passes its customer token ({token}).
import {accessToken, currentUser, onToken} from "./auth.js";

const MAX_ATTEMPTS = 30;

export class AgentSocket {
  constructor({onMessage, onState, onOpen = () => {}, token}) {
    this.onMessage = onMessage;
    this.onState = onState;
    this.onOpen = onOpen;
    this.token = token;
    this.attempts = 0;
    this.closed = false;
    if (!token) onToken(fresh => this.send("auth:refresh", {token: fresh}));
  }

  async connect() {
    this.setState(this.attempts === 0 ? "connecting" : "reconnecting");
    // A token that expired while the socket was down is refreshed first.
    const token = this.token ? this.token() : (await currentUser())?.token ?? accessToken();
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
    const ws = new WebSocket(url, ["switchboard.v1", "bearer." + token]);
    this.ws = ws;
    ws.addEventListener("open", () => {
      const again = this.everOpen;
      this.attempts = 0;
      this.everOpen = true;
      this.setState("connected");
      this.onOpen(again);
    });
    ws.addEventListener("message", event => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      this.onMessage(message);
    });
    ws.addEventListener("close", () => {
      if (this.closed || this.ws !== ws) return;
      this.attempts++;
      if (this.attempts > MAX_ATTEMPTS) {
        this.setState("failed");
        return;
      }
      this.setState("reconnecting");
      const wait = Math.min(30_000, 500 * 2 ** Math.min(this.attempts, 6)) * (0.5 + Math.random() / 2);
      setTimeout(() => this.connect(), wait);
    });
  }

  send(type, data) {
    if (this.ws?.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify({type, data}));
      return true;
    }
    return false;
  }

  setState(state) {
    this.state = state;
    this.onState(state);
  }

  close() {
    this.closed = true;
    this.ws?.close(1000);
  }
}
