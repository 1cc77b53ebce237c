import { ComponentFixture, TestBed } from '@angular/core/testing';

import { EGRESS_HELPER, EgressTemplateHelper, TEMPLATE_ROOM_FACTORY } from '../recording-template/egress-template';
import { RecordingTemplatePage } from '../recording-template/recording-template.page';
import { FakeTemplateRoom } from './fake-template-room';
import { settle } from './recordings';

export const LIVEKIT_URL = 'ws://10.0.3.7:7880';
export const RECORDER_TOKEN = 'recorder.jwt.token';

/**
 * The recording template as Egress opens it: its address carries `url`, `token` and `layout`, egress-sdk is the
 * real one (a fresh copy per test: it keeps the last layout in module state), the room is a fake.
 */
export class TemplatePageHarness {
  readonly logs: string[] = [];
  fixture!: ComponentFixture<RecordingTemplatePage>;
  helper!: EgressTemplateHelper;

  constructor(readonly room = new FakeTemplateRoom()) {
    jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void this.logs.push(args.join(' ')));
  }

  async open(query: Record<string, string> = { url: LIVEKIT_URL, token: RECORDER_TOKEN, layout: 'grid' }): Promise<void> {
    history.replaceState(null, '', `/recording-template?${new URLSearchParams(query)}`);
    await jest.isolateModulesAsync(async () => {
      this.helper = (await import('@livekit/egress-sdk/src/index')).default;
    });
    TestBed.configureTestingModule({
      imports: [RecordingTemplatePage],
      providers: [
        { provide: EGRESS_HELPER, useValue: this.helper },
        { provide: TEMPLATE_ROOM_FACTORY, useValue: () => this.room },
      ],
    });
    this.fixture = TestBed.createComponent(RecordingTemplatePage);
    await this.render();
  }

  /** Lets pending promises settle and the page render what changed (afterRender hooks included). */
  async render(): Promise<void> {
    await settle();
    this.fixture.detectChanges();
    await settle();
    this.fixture.detectChanges();
  }

  /** How many times the page logged a console message Egress acts on. */
  count(message: 'START_RECORDING' | 'END_RECORDING'): number {
    return this.logs.filter((line) => line === message).length;
  }

  get element(): HTMLElement {
    return this.fixture.nativeElement as HTMLElement;
  }

  tiles(selector = 'app-stage-tile'): HTMLElement[] {
    return [...this.element.querySelectorAll<HTMLElement>(selector)];
  }

  /** The names on the tiles, in the order they are drawn. */
  names(selector = 'app-stage-tile'): string[] {
    return this.tiles(selector).map((tile) => tile.querySelector('.name')!.textContent!.trim());
  }

  tileOf(name: string): HTMLElement {
    const tile = this.tiles().find((candidate) => candidate.querySelector('.name')!.textContent!.trim() === name);
    if (!tile) throw new Error(`No tile for ${name}: ${this.names().join(', ')}`);
    return tile;
  }

  /** Every camera on the stage draws its first frame. */
  async drawFrames(): Promise<void> {
    for (const video of this.element.querySelectorAll('video')) video.dispatchEvent(new Event('loadeddata'));
    await this.render();
  }
}
