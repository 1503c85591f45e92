/**
 * Stock's `connection.CodecsHandler`: the SDP edits pages make in their own
 * `connection.processSdp` (the upstream video demos prefer VP8 and set
 * bitrates). Same edits as stock 3.7.1, on the SDP text; each returns the SDP
 * unchanged where it finds nothing to edit.
 */

type VideoCodec = 'vp8' | 'vp9' | 'h264';

const CODEC_CLOCKS: Record<VideoCodec, string> = { vp8: 'VP8/90000', vp9: 'VP9/90000', h264: 'H264/90000' };

export interface Bandwidth {
  audio?: number;
  video?: number;
  screen?: number;
}

/** The `m=video` line and the payload type of each video codec, as stock reads them. */
function videoInfo(sdp: string): { mLine?: string; payloads: string[]; codec: Partial<Record<VideoCodec, string>> } {
  const info: { mLine?: string; payloads: string[]; codec: Partial<Record<VideoCodec, string>> } = {
    payloads: [],
    codec: {},
  };
  for (const line of sdp.split('\n').map((text) => text.trimEnd())) {
    if (line.startsWith('m=video') && line.includes('SAVPF')) {
      info.mLine = line;
      info.payloads = line
        .split('SAVPF')[1]!
        .split(' ')
        .map((payload) => payload.trim())
        .filter(Boolean);
    }
    for (const codec of Object.keys(CODEC_CLOCKS) as VideoCodec[]) {
      if (line.includes(CODEC_CLOCKS[codec]) && !info.codec[codec])
        info.codec[codec] = line.replace('a=rtpmap:', '').split(' ')[0];
    }
  }
  return info;
}

/** Puts `first` (or, with `drop`, removes it) in the m=video payload list. */
function reorderVideo(sdp: string, codec: VideoCodec, drop: boolean): string {
  const info = videoInfo(sdp);
  const payload = info.codec[codec];
  if (!info.mLine || !payload) return sdp;
  const rest = info.payloads.filter((candidate) => candidate !== payload);
  const order = drop ? rest : [payload, ...rest];
  return sdp.replace(info.mLine, `${info.mLine.split('SAVPF')[0]}SAVPF ${order.join(' ')}`);
}

/** The payload type of the first `a=rtpmap` line for `clock` (e.g. `VP8/90000`). */
function payloadOf(lines: string[], clock: string): string | undefined {
  const line = lines.find((candidate) => candidate.startsWith('a=rtpmap') && candidate.toLowerCase().includes(clock));
  return line ? /a=rtpmap:(\d+) \w+\/\d+/.exec(line)?.[1] : undefined;
}

export const CodecsHandler = Object.freeze({
  /** Moves the codec's payload type to the front of the m=video line. */
  preferCodec(sdp: string, codec: string): string {
    const name = codec.toLowerCase();
    return name in CODEC_CLOCKS ? reorderVideo(sdp, name as VideoCodec, false) : sdp;
  },
  preferVP9(sdp: string): string {
    return reorderVideo(sdp, 'vp9', false);
  },
  /** Drops VP9 and VP8 from the m=video line. */
  removeVPX(sdp: string): string {
    return reorderVideo(reorderVideo(sdp, 'vp9', true), 'vp8', true);
  },
  disableNACK(sdp: string): string {
    return sdp
      .replace('a=rtcp-fb:126 nack\r\n', '')
      .replace('a=rtcp-fb:126 nack pli\r\n', 'a=rtcp-fb:126 pli\r\n')
      .replace('a=rtcp-fb:97 nack\r\n', '')
      .replace('a=rtcp-fb:97 nack pli\r\n', 'a=rtcp-fb:97 pli\r\n');
  },
  /**
   * `b=AS` lines after stock's `a=mid:audio`/`a=mid:video` lines. Browsers that
   * name their media sections `0`, `1`… (unified plan, every current one) have
   * no such lines, so, as with stock, nothing changes there.
   */
  setApplicationSpecificBandwidth(sdp: string, bandwidth?: Bandwidth, isScreen = false): string {
    if (!bandwidth) return sdp;
    let edited = sdp;
    if ((bandwidth.screen && isScreen) || bandwidth.audio || bandwidth.video)
      edited = edited.replace(/b=AS([^\r\n]+\r\n)/g, '');
    if (bandwidth.audio) edited = edited.replace(/a=mid:audio\r\n/g, `a=mid:audio\r\nb=AS:${bandwidth.audio}\r\n`);
    const video = bandwidth.screen ?? bandwidth.video;
    if (video) edited = edited.replace(/a=mid:video\r\n/g, `a=mid:video\r\nb=AS:${video}\r\n`);
    return edited;
  },
  /** `x-google-min-bitrate`/`x-google-max-bitrate` for VP8 (kbps; stock's default 228), after the rtx fmtp line. */
  setVideoBitrates(sdp: string, params: { min?: number; max?: number } = {}): string {
    const lines = sdp.split('\r\n');
    const vp8 = payloadOf(lines, 'vp8/90000');
    const rtx = payloadOf(lines, 'rtx/90000');
    if (!vp8 || !rtx) return sdp;
    const rtxFmtp = lines.findIndex((line) => line.startsWith(`a=fmtp:${rtx}`));
    if (rtxFmtp < 0) return sdp;
    lines[rtxFmtp] +=
      `\r\na=fmtp:${vp8} x-google-min-bitrate=${params.min || 228}; x-google-max-bitrate=${params.max || 228}`;
    return lines.join('\r\n');
  },
  /** Appends Opus parameters (stereo and sprop-stereo default to 1) to its fmtp line. */
  setOpusAttributes(sdp: string, params: Record<string, number | string | undefined> = {}): string {
    const lines = sdp.split('\r\n');
    const opus = payloadOf(lines, 'opus/48000');
    const fmtp = opus === undefined ? -1 : lines.findIndex((line) => line.startsWith(`a=fmtp:${opus}`));
    if (fmtp < 0) return sdp;
    const stereo = { stereo: params['stereo'] ?? '1', 'sprop-stereo': params['sprop-stereo'] ?? '1' };
    const optional = ['maxaveragebitrate', 'maxplaybackrate', 'cbr', 'useinbandfec', 'usedtx'].filter(
      (key) => params[key] !== undefined,
    );
    const fields = [...Object.entries(stereo), ...optional.map((key) => [key, params[key]])];
    lines[fmtp] += fields.map(([key, value]) => `; ${key}=${value}`).join('');
    if (params['maxptime'] !== undefined) lines[fmtp] += `\r\na=maxptime:${params['maxptime']}`;
    return lines.join('\r\n');
  },
});
