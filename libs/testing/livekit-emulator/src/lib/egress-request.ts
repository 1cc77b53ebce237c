import type { OutputFileType } from './filename-template';
import { type EncodedFileOutput, proto, type RoomCompositeEgressRequest } from './protocol';
import { TwirpError } from './twirp-errors';

export interface AzureTarget {
  accountName: string;
  accountKey: string;
  containerName: string;
}

export interface FileTarget {
  filepath: string;
  /** undefined = DEFAULT_FILETYPE: egress decides from the codecs (MP4 for a composite with video). */
  fileType: OutputFileType | undefined;
  /** Where the file goes: uploaded to Azure, or, with no upload configured, left in Egress's own file system at `filepath`. */
  azure?: AzureTarget;
}

/**
 * The single file output of a room-composite request. Egress uses `file_outputs` when it has exactly one entry and
 * falls back to the deprecated `file` oneof only when it is empty (the SDK sends both).
 */
export function selectFileOutput(req: RoomCompositeEgressRequest): FileTarget {
  if (req.fileOutputs.length > 1) {
    throw new TwirpError('invalid_argument', 'multiple file outputs are not supported');
  }
  const file: EncodedFileOutput | undefined = req.fileOutputs[0] ?? (req.output.case === 'file' ? req.output.value : undefined);
  if (!file) {
    // Streams, segments and images would need real media; the emulator only produces files.
    throw new TwirpError('invalid_argument', 'LiveKit emulator: only file outputs (EncodedFileOutput) are supported');
  }
  if (file.output.case !== 'azure' && file.output.case !== undefined) {
    throw new TwirpError(
      'invalid_argument',
      'LiveKit emulator: only Azure Blob uploads or local files are supported (set EncodedFileOutput.azure, or no upload)',
    );
  }
  let fileType: OutputFileType | undefined;
  switch (file.fileType) {
    case proto.EncodedFileType.DEFAULT_FILETYPE:
      fileType = undefined;
      break;
    case proto.EncodedFileType.MP4:
      fileType = 'MP4';
      break;
    default:
      throw new TwirpError('invalid_argument', 'LiveKit emulator: only MP4 file outputs are supported');
  }
  if (file.output.case === undefined) return { filepath: file.filepath, fileType };
  const azure = file.output.value;
  return {
    filepath: file.filepath,
    fileType,
    azure: { accountName: azure.accountName, accountKey: azure.accountKey, containerName: azure.containerName },
  };
}

/** The request echo stored in EgressInfo, with credentials replaced like `egress/redact.go` does. */
export function redactRequest(req: RoomCompositeEgressRequest): RoomCompositeEgressRequest {
  const copy = req.clone();
  const outputs = [...copy.fileOutputs];
  if (copy.output.case === 'file') outputs.push(copy.output.value);
  // The chosen output is Azure, but the legacy `file` next to it may carry any storage's credentials.
  for (const out of outputs) {
    const target = out.output;
    if (target.case === 'azure') {
      target.value.accountName = '{account_name}';
      target.value.accountKey = '{account_key}';
    } else if (target.case === 's3' || target.case === 'aliOSS') {
      target.value.accessKey = '{access_key}';
      target.value.secret = '{secret}';
    } else if (target.case === 'gcp') {
      target.value.credentials = '{credentials}';
    }
  }
  return copy;
}

/** Chrome-rendered composites are WEB; an audio-only composite without a layout or custom URL runs on the SDK. */
export function sourceTypeOf(req: RoomCompositeEgressRequest): number {
  return req.audioOnly && req.layout === '' && req.customBaseUrl === '' ? proto.EgressSourceType.SDK : proto.EgressSourceType.WEB;
}
