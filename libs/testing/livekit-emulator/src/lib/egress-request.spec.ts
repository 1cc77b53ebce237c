import { redactRequest, selectFileOutput, sourceTypeOf } from './egress-request';
import { proto } from './protocol';

const azure = (containerName: string) =>
  new proto.EncodedFileOutput({
    fileType: proto.EncodedFileType.MP4,
    filepath: `${containerName}/x`,
    output: { case: 'azure', value: new proto.AzureBlobUpload({ accountName: 'acct', accountKey: 'KEY', containerName }) },
  });

describe('selectFileOutput', () => {
  it('takes a file without an upload as a file Egress leaves in its own file system', () => {
    const local = new proto.EncodedFileOutput({ fileType: proto.EncodedFileType.MP4, filepath: '/out/recordings/x' });
    expect(selectFileOutput(new proto.RoomCompositeEgressRequest({ fileOutputs: [local] }))).toEqual({
      filepath: '/out/recordings/x',
      fileType: 'MP4',
    });
  });

  it('prefers fileOutputs[0] over the legacy file, and falls back to file when fileOutputs is empty', () => {
    const both = new proto.RoomCompositeEgressRequest({
      roomName: 'r',
      output: { case: 'file', value: azure('legacy') },
      fileOutputs: [azure('current')],
    });
    expect(selectFileOutput(both).azure?.containerName).toBe('current');
    const legacy = new proto.RoomCompositeEgressRequest({ roomName: 'r', output: { case: 'file', value: azure('legacy') } });
    expect(selectFileOutput(legacy)).toEqual({
      filepath: 'legacy/x',
      fileType: 'MP4',
      azure: { accountName: 'acct', accountKey: 'KEY', containerName: 'legacy' },
    });
  });

  it('treats DEFAULT_FILETYPE as "decided later" and rejects what the emulator cannot produce', () => {
    const deflt = azure('c');
    deflt.fileType = proto.EncodedFileType.DEFAULT_FILETYPE;
    expect(selectFileOutput(new proto.RoomCompositeEgressRequest({ fileOutputs: [deflt] })).fileType).toBeUndefined();

    const ogg = azure('c');
    ogg.fileType = proto.EncodedFileType.OGG;
    const s3 = new proto.EncodedFileOutput({ filepath: 'x', output: { case: 's3', value: new proto.S3Upload({ bucket: 'b' }) } });
    for (const req of [
      new proto.RoomCompositeEgressRequest({ fileOutputs: [azure('a'), azure('b')] }),
      new proto.RoomCompositeEgressRequest({ fileOutputs: [ogg] }),
      new proto.RoomCompositeEgressRequest({ fileOutputs: [s3] }),
      new proto.RoomCompositeEgressRequest({ streamOutputs: [new proto.StreamOutput({ urls: ['rtmp://x'] })] }),
    ]) {
      expect(() => selectFileOutput(req)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    }
  });
});

describe('redactRequest', () => {
  it('hides every storage credential in the echo, legacy file included, and leaves the request untouched', () => {
    const s3 = new proto.EncodedFileOutput({
      output: { case: 's3', value: new proto.S3Upload({ accessKey: 'AK', secret: 'SK', bucket: 'b' }) },
    });
    const req = new proto.RoomCompositeEgressRequest({ output: { case: 'file', value: s3 }, fileOutputs: [azure('c')] });
    const json = JSON.stringify(redactRequest(req).toJson());
    expect(json).not.toMatch(/"KEY"|"acct"|"AK"|"SK"/);
    expect(json).toContain('{account_key}');
    expect(json).toContain('"containerName":"c"');
    expect(req.fileOutputs[0].output.value).toMatchObject({ accountKey: 'KEY' });
  });
});

describe('sourceTypeOf', () => {
  it('is SDK only for audio-only composites without layout or custom URL', () => {
    expect(sourceTypeOf(new proto.RoomCompositeEgressRequest({ audioOnly: true }))).toBe(proto.EgressSourceType.SDK);
    expect(sourceTypeOf(new proto.RoomCompositeEgressRequest({ audioOnly: true, layout: 'grid' }))).toBe(proto.EgressSourceType.WEB);
    expect(sourceTypeOf(new proto.RoomCompositeEgressRequest({}))).toBe(proto.EgressSourceType.WEB);
  });
});
