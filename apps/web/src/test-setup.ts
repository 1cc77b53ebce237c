import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv({
  errorOnUnknownElements: true,
  errorOnUnknownProperties: true,
});

// jsdom has no modal dialogs and no media playback; these stand-ins keep the DOM contract
// (the `open` attribute, the `close` event) so components behave as in a browser.
if (typeof HTMLDialogElement.prototype.showModal !== 'function') {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.hasAttribute('open')) return;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}
HTMLMediaElement.prototype.pause = function pause() {
  /* no playback in jsdom */
};
HTMLMediaElement.prototype.load = function load() {
  /* no playback in jsdom */
};
HTMLMediaElement.prototype.play = function play() {
  return Promise.resolve();
};
