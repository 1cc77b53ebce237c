/** Room and participant operations of the emulator, called while the rooms belong to a real livekit-server. */
export class RoomsAreRealError extends Error {
  constructor() {
    super('The emulator runs next to a real LiveKit server: rooms and participants are the real ones (join with a browser participant)');
    this.name = 'RoomsAreRealError';
  }
}
