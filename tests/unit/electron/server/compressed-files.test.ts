import { describe, expect, it } from 'vitest';
import { chooseEncoding, isCompressible } from '../../../../electron/server/compressed-files';

describe('the encoding of a response', () => {
  it('prefers brotli, then gzip, as the Accept-Encoding header allows', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip, deflate')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('BR')).toBe('br');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*, br;q=0')).toBe('gzip');
  });

  it('sends the file as it is when nothing it knows is accepted', () => {
    expect(chooseEncoding(undefined)).toBeNull();
    expect(chooseEncoding('')).toBeNull();
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding('deflate')).toBeNull();
    expect(chooseEncoding('gzip;q=0, br;q=0')).toBeNull();
    expect(chooseEncoding('gzip;q=nonsense')).toBeNull();
  });

  it('compresses text, scripts, maps and TTF fonts, not images or WOFF fonts', () => {
    for (const t of ['text/javascript; charset=utf-8', 'text/css; charset=utf-8', 'application/json; charset=utf-8', 'image/svg+xml', 'font/ttf', 'text/html; charset=utf-8']) expect(isCompressible(t), t).toBe(true);
    for (const t of ['image/png', 'font/woff2', 'font/woff', 'application/octet-stream']) expect(isCompressible(t), t).toBe(false);
  });
});
