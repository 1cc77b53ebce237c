const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const GROUPS = 4;
const GROUP_LENGTH = 4;
/** The largest multiple of 26 a byte can hold: bytes above it are drawn again, so every letter is equally likely. */
const UNBIASED_BELOW = 256 - (256 % LETTERS.length);

/**
 * A room name nobody can guess: 16 letters from the browser's cryptographic random source (log2(26^16) ≈ 75 bits),
 * in groups of four so it can be read out and typed (`kqzv-mwhr-tbne-pxfa`). In room mode a room's name is the key
 * to its call and its recordings.
 */
export function newMeetingName(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const letters: string[] = [];
  while (letters.length < GROUPS * GROUP_LENGTH) {
    for (const byte of random(new Uint8Array(32))) {
      if (byte < UNBIASED_BELOW && letters.length < GROUPS * GROUP_LENGTH) letters.push(LETTERS[byte % LETTERS.length]);
    }
  }
  return Array.from({ length: GROUPS }, (_, group) => letters.slice(group * GROUP_LENGTH, (group + 1) * GROUP_LENGTH).join('')).join('-');
}

/** The link that opens the join form with the room filled in. */
export function inviteLinkOf(roomName: string, origin: string): string {
  return `${origin}/?room=${encodeURIComponent(roomName)}`;
}
