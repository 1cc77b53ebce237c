import { cleanFilepath, formatTime, formatUtc, type OutputFileType, resolveFilename } from './filename-template';

describe('resolveFilename (egress output_file.go rules)', () => {
  const now = new Date(Date.UTC(2022, 9, 4, 1, 13, 6, 789)); // 2022-10-04T01:13:06.789Z
  const base = { roomName: 'testroom', roomId: 'RM_abcdefghijkl', now };

  it.each<[string, string, OutputFileType, string]>([
    [
      'API template',
      'recordings/RoomComposite-{room_name}-{time}-{room_id}',
      'MP4',
      'recordings/RoomComposite-testroom-2022-10-04T011306-RM_abcdefghijkl.mp4',
    ],
    ['empty path → generated name', '', 'MP4', 'testroom-2022-10-04T011306.mp4'],
    ['directory → generated name inside it', 'livekit-recordings/', 'MP4', 'livekit-recordings/testroom-2022-10-04T011306.mp4'],
    ['placeholders as directories', '{room_name}/{time}', 'MP4', 'testroom/2022-10-04T011306.mp4'],
    ['{utc} has milliseconds', 'a/{utc}', 'MP4', 'a/20221004011306789.mp4'],
    ['right extension kept', 'a/b.mp4', 'MP4', 'a/b.mp4'],
    ['known wrong extension replaced', 'a/b.ogg', 'MP4', 'a/b.mp4'],
    ['known wrong extension replaced (webm)', 'a/b.webm', 'MP4', 'a/b.mp4'],
    ['unknown extension kept, .mp4 appended', 'x.video', 'MP4', 'x.video.mp4'],
    ['dot inside a directory name is not an extension', 'a.mp3/b', 'MP4', 'a.mp3/b.mp4'],
    ['OGG extension', 'audio/{room_name}', 'OGG', 'audio/testroom.ogg'],
    ['MP3 replaces .mp4', 'audio/x.mp4', 'MP3', 'audio/x.mp3'],
    ['path is cleaned', 'a//b/./c/../d', 'MP4', 'a/b/d.mp4'],
    ['leading ../ is stripped', '../../x/{room_name}', 'MP4', 'x/testroom.mp4'],
    ['"." means no path', '.', 'MP4', 'testroom-2022-10-04T011306.mp4'],
    ['".." means no path', '..', 'MP4', 'testroom-2022-10-04T011306.mp4'],
    ['unknown placeholder stays literal', 'r/{publisher_identity}', 'MP4', 'r/{publisher_identity}.mp4'],
    ['every occurrence replaced', '{room_name}/{room_name}', 'MP4', 'testroom/testroom.mp4'],
  ])('%s: %j', (_what, filepath, fileType, expected) => {
    expect(resolveFilename({ ...base, filepath, fileType })).toBe(expected);
  });

  it('keeps spaces and dots of room names, and a dotted room name does not lose its suffix', () => {
    expect(
      resolveFilename({
        ...base,
        roomName: 'Test Room v1.2',
        filepath: 'recordings/RoomComposite-{room_name}-{time}-{room_id}',
        fileType: 'MP4',
      }),
    ).toBe('recordings/RoomComposite-Test Room v1.2-2022-10-04T011306-RM_abcdefghijkl.mp4');
  });

  it('formats {time} and {utc} in UTC', () => {
    const d = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6));
    expect(formatTime(d)).toBe('2026-01-02T030405');
    expect(formatUtc(d)).toBe('20260102030405006');
  });

  it.each([
    ['', ''],
    ['a/', 'a/'],
    ['a//b//', 'a/b/'],
    ['/abs/x', '/abs/x'],
    ['../..', ''],
    ['./a', 'a'],
  ])('cleanFilepath(%j) = %j', (input, expected) => {
    expect(cleanFilepath(input)).toBe(expected);
  });
});
