/**
 * RFC 6266 Content-Disposition: an ASCII `filename` for old clients and the exact UTF-8 name in
 * `filename*` (RFC 8187), whatever script the room name is written in.
 */
export function contentDisposition(type: 'inline' | 'attachment', filename: string): string {
  const asciiFallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}
