import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';

import { AppConfig } from '../core/app-config';
import { settle } from '../testing/recordings';
import { CALL_CONNECTOR, CallConnector } from './call-connector';
import { CallSession, ConnectOptions, LiveKitRejectedError, LiveKitUnreachableError } from './call-session';
import { JoinPage } from './join.page';

@Component({ template: '' })
class CallStub {}

describe('JoinPage', () => {
  let fixture: ComponentFixture<JoinPage>;
  let http: HttpTestingController;
  let connect: jest.Mock<Promise<CallSession>, [ConnectOptions]>;

  beforeEach(() => {
    connect = jest.fn();
    TestBed.configureTestingModule({
      imports: [JoinPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'room/:roomName', component: CallStub }]),
        { provide: CALL_CONNECTOR, useValue: { connect } satisfies CallConnector },
        {
          provide: AppConfig,
          useValue: {
            livekitUrl: signal('ws://localhost:7880'),
            loadError: signal(undefined),
            requireLivekitUrl: () => Promise.resolve('ws://localhost:7880'),
          },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(JoinPage);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  const element = () => fixture.nativeElement as HTMLElement;
  const input = (label: string) => {
    const labelElement = [...element().querySelectorAll('label')].find((l) => l.textContent!.trim() === label)!;
    return element().querySelector<HTMLInputElement>(`#${labelElement.htmlFor}`)!;
  };
  const type = (label: string, value: string) => {
    const field = input(label);
    field.value = value;
    field.dispatchEvent(new Event('input'));
    field.dispatchEvent(new Event('blur'));
    fixture.detectChanges();
  };
  const joinButton = () => element().querySelector<HTMLButtonElement>('button[type="submit"]')!;
  const submit = async () => {
    joinButton().click();
    fixture.detectChanges();
    await settle();
    fixture.detectChanges();
  };
  const alertText = () => element().querySelector('[role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim();

  it('starts with a ParticipantNN name and the Test Room', () => {
    expect(input('Participant name').value).toMatch(/^Participant\d{1,2}$/);
    expect(input('Room name').value).toBe('Test Room');
    expect(joinButton().textContent!.trim()).toBe('Join');
  });

  it.each([
    ['Room name', '', 'Enter a room name.'],
    ['Room name', ' Test', 'Remove the spaces at the start or end.'],
    ['Room name', 'a/b', 'Use at most 100 letters, digits, spaces, hyphens (-), underscores (_) or dots (.).'],
    ['Room name', "it's", 'Use at most 100 letters, digits, spaces, hyphens (-), underscores (_) or dots (.).'],
    ['Room name', 'x'.repeat(101), 'Use at most 100 letters, digits, spaces, hyphens (-), underscores (_) or dots (.).'],
    ['Participant name', '   ', 'Enter your name.'],
    ['Participant name', 'a\u0007b', 'Use at most 100 characters, without line breaks or other control characters.'],
  ])('shows an inline message for %s %j and asks nothing', async (label, value, message) => {
    type(label, value);
    const field = input(label);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const error = element().querySelector(`#${field.getAttribute('aria-describedby')}`);
    expect(error?.textContent?.trim()).toBe(message);
    await submit();
    expect(connect).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(field);
  });

  it('accepts names in any script and with symbols in the participant name', async () => {
    type('Room name', 'Sala de reunión');
    type('Participant name', "Zoë O'Brien <admin>");
    expect(input('Room name').getAttribute('aria-invalid')).toBe('false');
    expect(input('Participant name').getAttribute('aria-invalid')).toBe('false');
    await submit();
    const request = http.expectOne('/token');
    expect(request.request.body).toEqual({ roomName: 'Sala de reunión', participantName: "Zoë O'Brien <admin>" });
    request.flush({ errorMessage: 'x' }, { status: 500, statusText: 'Error' });
  });

  it("shows the API's 400 message plainly and lets the user try again", async () => {
    await submit();
    expect(joinButton().textContent!.trim()).toBe('Joining…');
    expect(joinButton().disabled).toBe(true);
    http.expectOne('/token').flush({ errorMessage: 'roomName is not a valid room name' }, { status: 400, statusText: 'Bad Request' });
    await settle();
    fixture.detectChanges();
    expect(alertText()).toBe('roomName is not a valid room name');
    expect(joinButton().disabled).toBe(false);
    expect(joinButton().textContent!.trim()).toBe('Join');
  });

  it('says the LiveKit server could not be reached, naming the URL and how to start one', async () => {
    connect.mockRejectedValue(new LiveKitUnreachableError('ws://localhost:7880', 'could not establish signal connection'));
    await submit();
    http.expectOne('/token').flush({ token: 'jwt' });
    await settle();
    fixture.detectChanges();
    expect(connect).toHaveBeenCalledWith({
      url: 'ws://localhost:7880',
      token: 'jwt',
      roomName: 'Test Room',
      participantName: input('Participant name').value,
    });
    expect(alertText()).toBe(
      'Could not reach the LiveKit server at ws://localhost:7880. Start one locally with docker compose up livekit ' +
        '(see the README), or set LIVEKIT_URL / LIVEKIT_PUBLIC_URL to your OpenVidu/LiveKit server.',
    );
    expect(element().querySelector('[role="alert"] code')?.textContent).toBe('docker compose up livekit');
    expect(joinButton().disabled).toBe(false);
  });

  it('says when LiveKit refuses the token', async () => {
    connect.mockRejectedValue(new LiveKitRejectedError('wss://lk.example.org', 'invalid token'));
    await submit();
    http.expectOne('/token').flush({ token: 'jwt' });
    await settle();
    fixture.detectChanges();
    expect(alertText()).toContain('The LiveKit server at wss://lk.example.org refused the access token (invalid token)');
    expect(alertText()).toContain('LIVEKIT_API_KEY');
  });

  it('opens the call view once connected', async () => {
    connect.mockResolvedValue({ roomName: 'Test Room' } as CallSession);
    const router = TestBed.inject(Router);
    await submit();
    http.expectOne('/token').flush({ token: 'jwt' });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(router.url).toBe('/room/Test%20Room');
    expect(alertText()).toBeUndefined();
  });

  describe('New meeting', () => {
    const button = (label: string) => [...element().querySelectorAll('button')].find((b) => b.textContent!.trim() === label)!;
    let copied: string[];
    beforeEach(() => {
      copied = [];
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: { writeText: (text: string) => (copied.push(text), Promise.resolve()) },
      });
    });

    it('fills in a room nobody can guess and offers its invite link to copy', async () => {
      button('New meeting').click();
      fixture.detectChanges();
      const room = input('Room name').value;
      expect(room).toMatch(/^[a-z]{4}(-[a-z]{4}){3}$/);
      const invite = input('Invite link');
      expect(invite.value).toBe(`${location.origin}/?room=${room}`);
      button('Copy').click();
      await settle();
      fixture.detectChanges();
      expect(copied).toEqual([invite.value]);
      expect(element().querySelector('.invite [role=status]')?.textContent).toContain('Invite link copied');

      button('New meeting').click();
      fixture.detectChanges();
      expect(input('Room name').value).not.toBe(room);
    });

    it('selects the link and says how to copy it when the clipboard refuses', async () => {
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: { writeText: () => Promise.reject(new Error('denied')) },
      });
      button('New meeting').click();
      fixture.detectChanges();
      button('Copy').click();
      await settle();
      fixture.detectChanges();
      expect(element().querySelector('.invite [role=status]')?.textContent).toContain('copy it with Ctrl+C');
    });

    it('drops the invite link once the room name is changed by hand', () => {
      button('New meeting').click();
      fixture.detectChanges();
      type('Room name', 'Somewhere else');
      expect(element().querySelector('#invite-link')).toBeNull();
    });

    it('joins the new meeting like any room', async () => {
      button('New meeting').click();
      fixture.detectChanges();
      const room = input('Room name').value;
      connect.mockResolvedValue({ roomName: room } as CallSession);
      await submit();
      expect(http.expectOne('/token').request.body).toMatchObject({ roomName: room });
    });
  });

  it('takes the room from ?room=', () => {
    const other = TestBed.createComponent(JoinPage);
    other.componentRef.setInput('room', 'Sala 2');
    other.detectChanges();
    expect((other.nativeElement as HTMLElement).querySelector<HTMLInputElement>('#room-name')!.value).toBe('Sala 2');
  });
});
