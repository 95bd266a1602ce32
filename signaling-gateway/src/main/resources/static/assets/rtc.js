// A call's media in the browser: one RTCPeerConnection with the other party, signaled through the
// gateway's WebSocket (webrtc:offer / webrtc:answer / webrtc:ice_candidate), the ICE servers from
// /api/v1/webrtc/ice-servers. The agent's page makes the offers (the first one, each hold and
// resume, which re-negotiate the direction, and a screen share that adds a video track to an audio
// call); the customer's page answers. A video call sends the camera too; the camera goes off and on
// by replacing the sent track (no packets while off), the screen replaces the camera (docs/web-ui.md, Media).
import {api} from "./api.js";

const RETRY_MS = 700;
const MAX_RETRIES = 15;
const QUALITY_EVERY_MS = 5000;
const STATS_EVERY_MS = 1000;

/** The ICE servers for a new connection; fetched again once 80 % of their lifetime has passed. */
let iceCache;
async function iceServers(token) {
  if (!iceCache || Date.now() > iceCache.refreshAt) {
    const answer = await api("/api/v1/webrtc/ice-servers", {token});
    iceCache = {servers: answer.iceServers ?? [], refreshAt: Date.now() + (answer.ttlSeconds ?? 3600) * 800};
  }
  return iceCache.servers;
}

function fingerprint(sdp) {
  return /^a=fingerprint:(.*)$/m.exec(sdp ?? "")?.[1]?.trim();
}

export class CallMedia {
  /**
   * @param callId the call
   * @param offerer true on the agent's page: it makes every offer
   * @param send (type, data) => boolean, the WebSocket's send
   * @param token () => the access token for REST (the ICE servers)
   * @param audioElement where the other party's audio plays
   * @param video true to send the camera as well (a video call)
   * @param videoElement where the other party's video shows (muted: the sound plays in audioElement)
   * @param localVideoElement where this side's own camera or screen shows
   * @param onChange () => void, called when the connection, hold, media or stats change
   */
  constructor({callId, offerer, send, token, audioElement, video = false, videoElement, localVideoElement, onChange}) {
    Object.assign(this, {callId, offerer, send, token, audioElement, video, videoElement, localVideoElement, onChange});
    this.held = false;
    this.muted = false;
    this.cameraOn = video;
    this.sharing = false;
    this.remoteVideo = false;
    this.pendingCandidates = [];
    this.remoteDescribed = false;
    this.retries = 0;
    this.closed = false;
    this.stats = {packetsReceived: 0, packetsSent: 0, audioEnergy: 0, jitterMs: null, rttMs: null, lossPercent: null, codec: null,
      video: {packetsReceived: 0, framesDecoded: 0, framesPerSecond: null, width: null, height: null, packetsSent: 0, framesSent: 0}};
    this.lastQuality = null;
    // Signals are handled one after the other, after start(): a candidate never overtakes its offer.
    this.queue = Promise.resolve();
  }

  get connectionState() {
    return this.pc?.connectionState ?? "new";
  }

  /** What the page may show: video from the other side, or this side's camera or screen going out. */
  get hasVideo() {
    return this.remoteVideo || this.video || this.sharing;
  }

  /** Opens the microphone (and the camera for a video call) and the connection; the offerer sends its offer. */
  start() {
    const started = (async () => {
      this.stream = await navigator.mediaDevices.getUserMedia({audio: true, video: this.video});
      this.camera = this.stream.getVideoTracks()[0] ?? null;
      this.showLocal();
      await this.connect();
      this.statsTimer = setInterval(() => this.readStats().catch(() => {}), STATS_EVERY_MS);
    })();
    this.queue = started;
    return started;
  }

  async connect() {
    const servers = await iceServers(this.token());
    this.pc?.close();
    const pc = new RTCPeerConnection({iceServers: servers});
    this.pc = pc;
    this.remoteDescribed = false;
    this.pendingCandidates = [];
    this.videoSender = null;
    for (const track of this.stream.getAudioTracks()) {
      track.enabled = !this.muted;
      pc.addTrack(track, this.stream);
    }
    const outgoingVideo = this.sharing ? this.screen : this.cameraOn ? this.camera : null;
    if (this.camera || this.sharing) this.videoSender = pc.addTrack(outgoingVideo ?? this.camera, this.stream);
    if (this.videoSender && !outgoingVideo) await this.videoSender.replaceTrack(null);
    pc.addEventListener("icecandidate", ({candidate}) => {
      const data = candidate
        ? {callId: this.callId, candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex}
        : {callId: this.callId, candidate: ""};
      // The offerer's candidates wait for the answer: until then the call may not be connected in call-state.
      if (this.offerer && !this.remoteDescribed) this.pendingCandidates.push(data);
      else this.send("webrtc:ice_candidate", data);
    });
    pc.addEventListener("track", ({track, streams}) => {
      const stream = streams[0] ?? new MediaStream([track]);
      if (track.kind === "audio" && this.audioElement) this.audioElement.srcObject = stream;
      if (track.kind === "video") {
        this.remoteVideo = true;
        if (this.videoElement) this.videoElement.srcObject = new MediaStream([track]);
        this.onChange();
      }
    });
    pc.addEventListener("connectionstatechange", () => this.onChange());
    if (this.offerer) await this.offer();
  }

  async offer() {
    for (const transceiver of this.pc.getTransceivers()) {
      if (!transceiver.stopped) transceiver.direction = this.held ? "inactive" : "sendrecv";
    }
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    this.retries = 0;
    this.send("webrtc:offer", {callId: this.callId, sdp: this.pc.localDescription.sdp});
  }

  /** A webrtc:* frame from the other party; resolves when it has been applied. */
  signal(type, data) {
    this.queue = this.queue.catch(() => {}).then(() => this.apply(type, data));
    return this.queue;
  }

  async apply(type, data) {
    if (this.closed) return;
    if (type === "webrtc:offer" && !this.offerer) {
      // Another agent (after a transfer) or a reloaded agent page: a new connection, not a re-negotiation.
      const current = this.pc.remoteDescription?.sdp;
      if (current && (data.from !== this.peer || fingerprint(current) !== fingerprint(data.sdp))) await this.connect();
      this.peer = data.from;
      await this.pc.setRemoteDescription({type: "offer", sdp: data.sdp});
      this.remoteDescribed = true;
      const answer = await this.pc.createAnswer();
      await this.pc.setLocalDescription(answer);
      this.send("webrtc:answer", {callId: this.callId, sdp: this.pc.localDescription.sdp});
      this.held = this.pc.getTransceivers()[0]?.currentDirection === "inactive";
      this.onChange();
    } else if (type === "webrtc:answer" && this.offerer) {
      if (this.pc.signalingState !== "have-local-offer") return;
      this.peer = data.from;
      await this.pc.setRemoteDescription({type: "answer", sdp: data.sdp});
      this.remoteDescribed = true;
      this.pendingCandidates.splice(0).forEach(candidate => this.send("webrtc:ice_candidate", candidate));
      this.onChange();
    } else if (type === "webrtc:ice_candidate" && this.pc.remoteDescription) {
      await this.pc.addIceCandidate(data.candidate
        ? {candidate: data.candidate, sdpMid: data.sdpMid, sdpMLineIndex: data.sdpMLineIndex}
        : null);
    }
  }

  /**
   * A call:error about this call. The gateway refuses signaling until call-state has the call
   * connected, a moment after the accept: an offer still waiting for its answer is sent again.
   */
  refused() {
    if (!this.offerer || this.closed || this.pc?.signalingState !== "have-local-offer") return false;
    if (++this.retries > MAX_RETRIES) return false;
    setTimeout(() => {
      if (this.pc?.signalingState === "have-local-offer") {
        this.send("webrtc:offer", {callId: this.callId, sdp: this.pc.localDescription.sdp});
      }
    }, RETRY_MS);
    return true;
  }

  /** Hold stops the media both ways: the direction is re-negotiated to inactive (a disabled track still sends). */
  async hold(held) {
    this.held = held;
    if (this.offerer && this.pc) await this.offer();
    this.onChange();
  }

  mute(muted) {
    this.muted = muted;
    this.stream?.getAudioTracks().forEach(track => { track.enabled = !muted; });
    this.onChange();
  }

  /** The camera off (nothing sent: the sender's track is replaced by none) or on again. */
  async setCamera(on) {
    this.cameraOn = on;
    if (!this.sharing && this.videoSender) await this.videoSender.replaceTrack(on ? this.camera : null);
    this.showLocal();
    this.onChange();
  }

  /**
   * Shares the screen in place of the camera, or stops. A call that sends no video yet gets a video
   * track, which needs an offer: only the offerer's page (the agent's) can do that.
   */
  async share(on) {
    if (on === this.sharing) return;
    if (on) {
      if (!this.videoSender && !this.offerer) throw new Error("this call has no video to share the screen in");
      const display = await navigator.mediaDevices.getDisplayMedia({video: true, audio: false});
      this.screen = display.getVideoTracks()[0];
      // Stopped from the browser's own "Stop sharing" control.
      this.screen.addEventListener("ended", () => {
        this.share(false).then(() => this.onScreenEnded?.(), () => {});
      });
      this.sharing = true;
      if (this.videoSender) {
        await this.videoSender.replaceTrack(this.screen);
      } else {
        this.videoSender = this.pc.addTrack(this.screen, this.stream);
        await this.offer();
      }
    } else {
      this.sharing = false;
      this.screen?.stop();
      this.screen = null;
      await this.videoSender?.replaceTrack(this.cameraOn ? this.camera : null);
    }
    this.showLocal();
    this.onChange();
  }

  /** This side's own picture: the screen while sharing, else the camera while on. */
  showLocal() {
    if (!this.localVideoElement) return;
    const track = this.sharing ? this.screen : this.cameraOn ? this.camera : null;
    this.localVideoElement.srcObject = track ? new MediaStream([track]) : null;
  }

  async readStats() {
    if (!this.pc) return;
    const report = await this.pc.getStats();
    const now = performance.now();
    let inbound;
    let outbound;
    let remoteInbound;
    let pair;
    let videoIn;
    let videoOut;
    const codecs = new Map();
    report.forEach(stat => {
      if (stat.type === "inbound-rtp" && stat.kind === "audio") inbound = stat;
      else if (stat.type === "outbound-rtp" && stat.kind === "audio") outbound = stat;
      else if (stat.type === "remote-inbound-rtp" && stat.kind === "audio") remoteInbound = stat;
      else if (stat.type === "inbound-rtp" && stat.kind === "video") videoIn = stat;
      else if (stat.type === "outbound-rtp" && stat.kind === "video") videoOut = stat;
      else if (stat.type === "candidate-pair" && stat.nominated && stat.state === "succeeded") pair = stat;
      else if (stat.type === "codec") codecs.set(stat.id, stat.mimeType);
    });
    const previous = this.sample;
    const sample = {
      at: now,
      packetsReceived: inbound?.packetsReceived ?? 0,
      packetsLost: Math.max(0, inbound?.packetsLost ?? 0),
      bytesReceived: inbound?.bytesReceived ?? 0,
      packetsSent: outbound?.packetsSent ?? 0,
      videoBytesReceived: videoIn?.bytesReceived ?? 0,
    };
    this.sample = sample;
    const received = previous ? sample.packetsReceived - previous.packetsReceived : 0;
    const lost = previous ? sample.packetsLost - previous.packetsLost : 0;
    const rtt = remoteInbound?.roundTripTime ?? pair?.currentRoundTripTime;
    this.stats = {
      packetsReceived: sample.packetsReceived,
      packetsSent: sample.packetsSent,
      audioEnergy: inbound?.totalAudioEnergy ?? 0,
      jitterMs: inbound?.jitter === undefined ? null : inbound.jitter * 1000,
      rttMs: rtt === undefined ? null : rtt * 1000,
      lossPercent: received + lost > 0 ? 100 * lost / (received + lost) : previous ? 0 : null,
      bitrateKbps: previous && now > previous.at ? 8 * (sample.bytesReceived - previous.bytesReceived) / (now - previous.at) : null,
      codec: inbound?.codecId ? (codecs.get(inbound.codecId) ?? "").replace(/^audio\//, "").toLowerCase() || null : null,
      video: {
        packetsReceived: videoIn?.packetsReceived ?? 0,
        framesDecoded: videoIn?.framesDecoded ?? 0,
        framesPerSecond: videoIn?.framesPerSecond ?? null,
        width: videoIn?.frameWidth ?? null,
        height: videoIn?.frameHeight ?? null,
        packetsSent: videoOut?.packetsSent ?? 0,
        framesSent: videoOut?.framesSent ?? 0,
        bitrateKbps: previous && now > previous.at
          ? 8 * (sample.videoBytesReceived - previous.videoBytesReceived) / (now - previous.at) : null,
        codec: videoIn?.codecId ? (codecs.get(videoIn.codecId) ?? "").replace(/^video\//, "").toLowerCase() || null : null,
      },
    };
    this.onChange();
    if (this.connectionState === "connected" && (!this.lastQuality || now - this.lastQuality >= QUALITY_EVERY_MS)) {
      this.lastQuality = now;
      this.sendQuality();
    }
  }

  sendQuality() {
    const {jitterMs, rttMs, lossPercent, bitrateKbps, codec, video} = this.stats;
    const round = value => value === null || value === undefined || !Number.isFinite(value) ? null : Math.round(value * 100) / 100;
    this.send("call:quality_update", {
      callId: this.callId, mediaType: "AUDIO", jitterMs: round(jitterMs), packetLossPercent: round(lossPercent),
      rttMs: round(rttMs), bitrateKbps: round(bitrateKbps), codec,
    });
    if (video.packetsReceived > 0) {
      this.send("call:quality_update", {
        callId: this.callId, mediaType: "VIDEO", rttMs: round(rttMs), bitrateKbps: round(video.bitrateKbps),
        codec: video.codec, framesPerSecond: round(video.framesPerSecond), width: video.width, height: video.height,
      });
    }
  }

  close() {
    this.closed = true;
    clearInterval(this.statsTimer);
    this.pc?.close();
    this.stream?.getTracks().forEach(track => track.stop());
    this.screen?.stop();
    if (this.audioElement) this.audioElement.srcObject = null;
    if (this.videoElement) this.videoElement.srcObject = null;
    if (this.localVideoElement) this.localVideoElement.srcObject = null;
  }
}
