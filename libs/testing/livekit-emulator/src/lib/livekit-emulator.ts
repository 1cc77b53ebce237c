export function livekitEmulator(): string {
  return 'livekit-emulator';
}
