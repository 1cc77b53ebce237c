import { isValidParticipantName, isValidRoomName } from '@recording/contracts';

import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';

import { errorText } from '../core/api-error';
import { AppConfig } from '../core/app-config';
import { ActiveCall } from './active-call';
import { LiveKitRejectedError, LiveKitUnreachableError } from './call-session';
import { inviteLinkOf, newMeetingName } from './meeting-name';

type JoinFailure =
  | { kind: 'livekit-unreachable'; url: string }
  | { kind: 'livekit-rejected'; url: string; detail: string }
  | { kind: 'message'; text: string };

/** The landing page: who and where, then the token, the LiveKit connection and the call view. */
@Component({
  selector: 'app-join-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  templateUrl: './join.page.html',
  styleUrl: './join.page.css',
})
export class JoinPage implements OnInit {
  private readonly activeCall = inject(ActiveCall);
  private readonly router = inject(Router);
  protected readonly config = inject(AppConfig);

  /** `?room=` pre-fills the room (links to a room, and the way back after leaving). */
  readonly room = input<string>();

  protected readonly participantName = signal(`Participant${Math.floor(Math.random() * 100)}`);
  protected readonly roomName = signal('Test Room');
  protected readonly submitted = signal(false);
  protected readonly touched = signal({ participant: false, room: false });
  protected readonly joining = signal(false);
  protected readonly failure = signal<JoinFailure | undefined>(undefined);
  protected readonly endNotice = this.activeCall.endNotice;
  /** The room New meeting made, while the form still holds it: its invite link is offered. */
  private readonly meeting = signal<string | undefined>(undefined);
  protected readonly inviteLink = computed(() => {
    const meeting = this.meeting();
    return meeting !== undefined && meeting === this.roomName() ? inviteLinkOf(meeting, location.origin) : undefined;
  });
  protected readonly inviteMessage = signal<{ kind: 'info' | 'error'; text: string } | undefined>(undefined);

  protected readonly participantError = computed(() => {
    const value = this.participantName();
    if (value.trim() === '') return 'Enter your name.';
    return isValidParticipantName(value) ? undefined : 'Use at most 100 characters, without line breaks or other control characters.';
  });

  protected readonly roomError = computed(() => {
    const value = this.roomName();
    if (value.trim() === '') return 'Enter a room name.';
    if (value !== value.trim()) return 'Remove the spaces at the start or end.';
    return isValidRoomName(value) ? undefined : 'Use at most 100 letters, digits, spaces, hyphens (-), underscores (_) or dots (.).';
  });

  protected readonly showParticipantError = computed(() => (this.submitted() || this.touched().participant) && !!this.participantError());
  protected readonly showRoomError = computed(() => (this.submitted() || this.touched().room) && !!this.roomError());

  ngOnInit(): void {
    const room = this.room();
    if (room) this.roomName.set(room);
  }

  /** A room nobody can guess, filled in, with a link to invite the others. */
  protected newMeeting(): void {
    const name = newMeetingName();
    this.roomName.set(name);
    this.meeting.set(name);
    this.inviteMessage.set(undefined);
    this.touched.update((touched) => ({ ...touched, room: false }));
  }

  protected async copyInvite(link: string, field: HTMLInputElement): Promise<void> {
    try {
      await navigator.clipboard.writeText(link);
      this.inviteMessage.set({ kind: 'info', text: 'Invite link copied. Anyone who has it can join this call and its recordings.' });
    } catch {
      field.select();
      this.inviteMessage.set({ kind: 'error', text: 'Could not copy by itself: the link is selected, copy it with Ctrl+C (⌘C).' });
    }
  }

  protected update(field: 'participant' | 'room', event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    if (field === 'participant') this.participantName.set(value);
    else this.roomName.set(value);
  }

  protected touch(field: 'participant' | 'room'): void {
    this.touched.update((touched) => ({ ...touched, [field]: true }));
  }

  protected async join(event: Event): Promise<void> {
    event.preventDefault();
    this.submitted.set(true);
    this.failure.set(undefined);
    if (this.participantError() || this.roomError()) {
      focusFirstInvalid(event.target as HTMLFormElement);
      return;
    }
    this.joining.set(true);
    try {
      const session = await this.activeCall.join(this.roomName(), this.participantName());
      await this.router.navigate(['/room', session.roomName]);
    } catch (error) {
      this.failure.set(describeJoinFailure(error));
    } finally {
      this.joining.set(false);
    }
  }
}

function describeJoinFailure(error: unknown): JoinFailure {
  if (error instanceof LiveKitUnreachableError) return { kind: 'livekit-unreachable', url: error.url };
  if (error instanceof LiveKitRejectedError) return { kind: 'livekit-rejected', url: error.url, detail: error.detail };
  return { kind: 'message', text: errorText(error) };
}

function focusFirstInvalid(form: HTMLFormElement): void {
  form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
