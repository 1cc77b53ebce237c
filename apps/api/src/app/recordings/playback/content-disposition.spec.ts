import { contentDisposition } from './content-disposition';

describe('contentDisposition', () => {
  it('gives both forms for an ASCII name with spaces', () => {
    expect(contentDisposition('inline', 'RoomComposite-Test Room-2026-11-23T101500-RM_a.mp4')).toBe(
      `inline; filename="RoomComposite-Test Room-2026-11-23T101500-RM_a.mp4"; filename*=UTF-8''RoomComposite-Test%20Room-2026-11-23T101500-RM_a.mp4`,
    );
  });

  it('keeps the exact name of another script in filename* and an ASCII fallback', () => {
    const header = contentDisposition('attachment', 'RoomComposite-会议-2026-11-23T101500-RM_a.mp4');
    expect(header).toContain('attachment; filename="RoomComposite-__-2026-11-23T101500-RM_a.mp4"');
    expect(header).toContain("filename*=UTF-8''RoomComposite-%E4%BC%9A%E8%AE%AE-2026-11-23T101500-RM_a.mp4");
  });

  it('never lets a quote or backslash break out of the quoted fallback', () => {
    expect(contentDisposition('inline', 'a"b\\c\'d.mp4')).toBe(`inline; filename="a_b_c'd.mp4"; filename*=UTF-8''a%22b%5Cc%27d.mp4`);
  });
});
