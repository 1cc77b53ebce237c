import { Recording } from '@recording/contracts';

import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { recording, settle } from '../testing/recordings';
import { ShareDialog } from './share-dialog';

const NAME = 'RoomComposite-Test Room-2026-11-23T111500-RM_test1.mp4';
const PATH = '/recordings/RoomComposite-Test%20Room-2026-11-23T111500-RM_test1.mp4/share';

@Component({
  imports: [ShareDialog],
  template: `
    <button type="button" id="opener" (click)="sharing.set(recording)">Share</button>
    @if (sharing(); as current) {
      <app-share-dialog [recording]="current" (closed)="sharing.set(undefined)" />
    }
  `,
})
class Host {
  readonly recording = recording(NAME);
  readonly sharing = signal<Recording | undefined>(undefined);
}

describe('ShareDialog', () => {
  let fixture: ComponentFixture<Host>;
  let http: HttpTestingController;
  let copied: string[];

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [Host], providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    copied = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => (copied.push(text), Promise.resolve()) },
    });
    fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    document.body.appendChild(fixture.nativeElement);
    const opener = element().querySelector<HTMLButtonElement>('#opener')!;
    opener.focus();
    opener.click();
    fixture.detectChanges();
    await fixture.whenStable();
  });
  afterEach(() => {
    http.verify();
    fixture.nativeElement.remove();
  });

  const element = () => fixture.nativeElement as HTMLElement;
  const dialog = () => element().querySelector('dialog');
  const button = (label: string) => [...element().querySelectorAll('button')].find((b) => b.textContent!.trim() === label);
  const render = async () => {
    await settle();
    fixture.detectChanges();
  };

  it('opens modal with the expiry choice focused, a day by default', () => {
    expect(dialog()?.hasAttribute('open')).toBe(true);
    const select = element().querySelector<HTMLSelectElement>('#share-expiry')!;
    expect(document.activeElement).toBe(select);
    expect([...select.options].map((option) => option.textContent?.trim())).toEqual(['1 hour', '1 day', '7 days', '30 days']);
    expect(select.value).toBe('1440');
  });

  it('creates a link for the chosen expiry, shows it and copies it', async () => {
    const select = element().querySelector<HTMLSelectElement>('#share-expiry')!;
    select.value = '10080';
    select.dispatchEvent(new Event('change'));
    button('Create link')!.click();
    fixture.detectChanges();
    expect(button('Creating…')?.disabled).toBe(true);
    const request = http.expectOne(PATH);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ expiresInMinutes: 10080 });
    request.flush({ url: 'http://localhost:6080/watch/abc.def', expiresAt: Date.UTC(2026, 10, 30, 11, 0, 0) });
    await render();
    expect(element().querySelector<HTMLInputElement>('#share-link')?.value).toBe('http://localhost:6080/watch/abc.def');
    expect(element().textContent).toContain('Works until');

    button('Copy link')!.click();
    await render();
    expect(copied).toEqual(['http://localhost:6080/watch/abc.def']);
    expect(element().querySelector('[role=status]')?.textContent).toContain('Link copied');
  });

  it('revokes every link after a confirmation', async () => {
    button('Revoke all links')!.click();
    fixture.detectChanges();
    expect(element().textContent).toContain('Stop every link to this recording made so far?');
    button('Yes, revoke')!.click();
    const request = http.expectOne(PATH);
    expect(request.request.method).toBe('DELETE');
    request.flush({ message: 'Share links revoked' });
    await render();
    expect(element().textContent).toContain('Every link to this recording made so far stopped working.');
  });

  it("shows the API's reason when a link cannot be made", async () => {
    button('Create link')!.click();
    http.expectOne(PATH).flush({ errorMessage: 'Recording not found' }, { status: 404, statusText: 'Not Found' });
    await render();
    expect(element().querySelector('[role=alert]')?.textContent).toContain('Could not create a link: Recording not found');
    expect(button('Create link')?.disabled).toBe(false);
  });

  it('closes with the Close button and gives focus back', async () => {
    button('Close')!.click();
    fixture.detectChanges();
    expect(dialog()).toBeNull();
    expect(document.activeElement?.id).toBe('opener');
  });
});
