import { decodeRoomPasses, encodeRoomPasses, MAX_COOKIE_ROOMS, RoomPass, withPass } from './room-passes';
import { TokenSigner } from './signed-token';

const NOW = Date.UTC(2026, 10, 23, 10, 0, 0);
const HOUR = 3600_000;
const signer = new TokenSigner('cookie-secret-0123456789', 'room-access-cookie');
const pass = (room: string, expiresAt = NOW + HOUR, name = 'Alice'): RoomPass => ({ room, name, expiresAt });

describe('room passes of the recording_access cookie', () => {
  it('round-trips through the signed value, to the second', () => {
    const passes = [pass('Sala de reunión', NOW + HOUR + 999, 'Zoë'), pass('Beta')];
    expect(decodeRoomPasses(signer, encodeRoomPasses(signer, passes), NOW)).toEqual([
      pass('Sala de reunión', NOW + HOUR, 'Zoë'),
      pass('Beta'),
    ]);
  });

  it('writes no record grant into the cookie, and still reads cookies written with one', () => {
    const written = signer.verify(encodeRoomPasses(signer, [pass('Alpha')])) as { p: unknown[][] };
    expect(written.p[0]).toHaveLength(3);
    const older = signer.sign({ p: [['Alpha', 'Al', NOW / 1000 + 60, 1]] });
    expect(decodeRoomPasses(signer, older, NOW)).toEqual([pass('Alpha', NOW + 60_000, 'Al')]);
  });

  it('puts the newest room first, once, and drops expired ones', () => {
    const before = [pass('A'), pass('B', NOW - 1), pass('C')];
    expect(withPass(before, pass('C', NOW + 2 * HOUR, 'Bob'), NOW).map(({ room, name }) => `${room}:${name}`)).toEqual([
      'C:Bob',
      'A:Alice',
    ]);
  });

  it(`keeps the ${MAX_COOKIE_ROOMS} most recent rooms`, () => {
    let passes: RoomPass[] = [];
    for (let index = 0; index < 25; index++) passes = withPass(passes, pass(`Room ${index}`), NOW);
    expect(passes).toHaveLength(MAX_COOKIE_ROOMS);
    expect(passes[0].room).toBe('Room 24');
    expect(passes.at(-1)?.room).toBe('Room 5');
  });

  it('drops the oldest rooms when long names would outgrow a browser cookie', () => {
    const passes = Array.from({ length: 20 }, (_, index) => pass(`${'Ř'.repeat(95)} ${index}`, NOW + HOUR, 'Ñ'.repeat(100)));
    const value = encodeRoomPasses(signer, passes);
    expect(value.length).toBeLessThanOrEqual(3600);
    const decoded = decodeRoomPasses(signer, value, NOW) ?? [];
    expect(decoded.length).toBeGreaterThan(0);
    expect(decoded.length).toBeLessThan(20);
    expect(decoded[0].room).toBe(passes[0].room);
  });

  it('ignores entries that expired since the cookie was written', () => {
    const value = encodeRoomPasses(signer, [pass('A', NOW + 10_000), pass('B', NOW + HOUR)]);
    expect(decodeRoomPasses(signer, value, NOW + 20_000)?.map((p) => p.room)).toEqual(['B']);
  });

  it('refuses a value it did not sign', () => {
    const value = new TokenSigner('another-secret-0123456789', 'room-access-cookie').sign({ p: [['A', 'Al', NOW / 1000 + 60, 1]] });
    expect(decodeRoomPasses(signer, value, NOW)).toBeUndefined();
    expect(decodeRoomPasses(signer, 'garbage', NOW)).toBeUndefined();
  });

  it('skips malformed entries of a signed value', () => {
    const value = signer.sign({ p: [['a/b', 'Al', NOW / 1000 + 60, 1], ['Good', 'Al', NOW / 1000 + 60, 1], 'x'] });
    expect(decodeRoomPasses(signer, value, NOW)?.map((p) => p.room)).toEqual(['Good']);
  });
});
