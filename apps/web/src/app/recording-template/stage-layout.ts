import { DEFAULT_RECORDING_LAYOUT, isRecordingLayout, RecordingLayout } from '@recording/contracts';

import type { AttachableTrack } from '../room/call-session';

/** One person on the recording's stage (never the recorder itself). */
export interface StageParticipant {
  readonly identity: string;
  /** Display name, shown as text only. */
  readonly name: string;
  /** The camera track, when subscribed and not muted. */
  readonly video?: AttachableTrack;
  /** The microphone track, when subscribed. */
  readonly audio?: AttachableTrack;
  readonly microphoneOn: boolean;
  readonly speaking: boolean;
  readonly audioLevel: number;
  /** Epoch ms of the last time they spoke, when they have. */
  readonly lastSpokeAt?: number;
}

/** What the stage shows: a grid of tiles, or one large tile (with a strip of the others in `speaker`). */
export type Stage =
  | { kind: 'empty' }
  | { kind: 'grid'; tiles: readonly StageParticipant[]; hidden: number; columns: number; rows: number }
  | { kind: 'focus'; main: StageParticipant; strip: readonly StageParticipant[]; hidden: number };

/** Beyond these, the last place says "+N more": tiles stay large enough to read the names at 1280×720. */
export const GRID_CAPACITY = 16;
export const STRIP_CAPACITY = 4;

/** The layout a template URL or an `UpdateLayout` asks for; Egress's `-light`/`-dark` variants are the same layout here. */
export function layoutFrom(value: string | null | undefined): RecordingLayout {
  const base = (value ?? '').replace(/-(?:light|dark)$/, '');
  return isRecordingLayout(base) ? base : DEFAULT_RECORDING_LAYOUT;
}

/**
 * Who the speaker layouts show large: whoever speaks now (the one already shown while they still speak, so two
 * people talking at once do not make the picture flap, else the loudest); when nobody speaks, the one who spoke
 * last; when nobody has spoken yet, the first with a camera, else the first to join.
 */
export function chooseFocus(participants: readonly StageParticipant[], previous?: string): string | undefined {
  const current = participants.find((participant) => participant.identity === previous);
  const speakers = participants.filter((participant) => participant.speaking);
  if (speakers.length > 0) {
    if (current?.speaking) return current.identity;
    return speakers.reduce((loudest, speaker) => (speaker.audioLevel > loudest.audioLevel ? speaker : loudest)).identity;
  }
  if (current?.lastSpokeAt !== undefined) return current.identity;
  const spoke = participants.filter((participant) => participant.lastSpokeAt !== undefined);
  if (spoke.length > 0) return spoke.reduce((last, other) => (other.lastSpokeAt! > last.lastSpokeAt! ? other : last)).identity;
  if (current?.video) return current.identity;
  return (participants.find((participant) => participant.video) ?? participants[0])?.identity;
}

/** Columns and rows of a grid of `count` 16:9 tiles on a 16:9 stage (2 → 2×1, 3-4 → 2×2, 5-6 → 3×2, 7-9 → 3×3). */
export function gridShape(count: number): { columns: number; rows: number } {
  const columns = Math.max(1, Math.ceil(Math.sqrt(count)));
  return { columns, rows: Math.max(1, Math.ceil(count / columns)) };
}

/** The stage of a layout: who is shown, and where. */
export function arrangeStage(layout: RecordingLayout, participants: readonly StageParticipant[], focus: string | undefined): Stage {
  if (participants.length === 0) return { kind: 'empty' };
  if (layout === 'grid') {
    const tiles = mostPresent(participants, GRID_CAPACITY);
    return {
      kind: 'grid',
      tiles,
      hidden: participants.length - tiles.length,
      ...gridShape(tiles.length + (tiles.length < participants.length ? 1 : 0)),
    };
  }
  const main = participants.find((participant) => participant.identity === focus) ?? participants[0];
  if (layout === 'single-speaker') return { kind: 'focus', main, strip: [], hidden: 0 };
  const others = participants.filter((participant) => participant !== main);
  const strip = mostPresent(others, STRIP_CAPACITY);
  return { kind: 'focus', main, strip, hidden: others.length - strip.length };
}

/**
 * At most `capacity` places, the last one kept for "+N more" when there are more people: those speaking or who
 * spoke last, then those with a camera, shown in the order they joined.
 */
function mostPresent(participants: readonly StageParticipant[], capacity: number): readonly StageParticipant[] {
  if (participants.length <= capacity) return participants;
  const ranked = [...participants].sort(
    (a, b) =>
      Number(b.speaking) - Number(a.speaking) || (b.lastSpokeAt ?? 0) - (a.lastSpokeAt ?? 0) || Number(!!b.video) - Number(!!a.video),
  );
  const shown = new Set(ranked.slice(0, capacity - 1));
  return participants.filter((participant) => shown.has(participant));
}

/** Up to two initials for a camera-off card: `Ada Lovelace` → `AL`, `bob` → `B`, `李小龙` → `李`. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = (word: string | undefined) => (word ? [...word][0].toUpperCase() : '');
  const initials = words.length > 1 ? first(words[0]) + first(words[words.length - 1]) : first(words[0]);
  return initials || '?';
}
