// The desk's ring tone while an offer rings: two short tones every 3 s from Web Audio (no sound
// file to load). A browser that does not allow sound before a click on the page starts it silently;
// the tab's title and the offer's list show the ringing anyway.

const PATTERN_MS = 3000;

export class Ringer {
  ring(on) {
    if (on && !this.timer) {
      this.beep();
      this.timer = setInterval(() => this.beep(), PATTERN_MS);
    } else if (!on && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  beep() {
    try {
      this.context ??= new AudioContext();
      if (this.context.state === "suspended") this.context.resume().catch(() => {});
      const start = this.context.currentTime;
      for (const offset of [0, 0.5]) {
        const oscillator = this.context.createOscillator();
        const gain = this.context.createGain();
        oscillator.frequency.value = 440;
        gain.gain.setValueAtTime(0.15, start + offset);
        gain.gain.setValueAtTime(0, start + offset + 0.4);
        oscillator.connect(gain).connect(this.context.destination);
        oscillator.start(start + offset);
        oscillator.stop(start + offset + 0.4);
      }
    } catch {
      // No Web Audio here: ringing stays visual.
    }
  }
}
