/** CodecsHandler: stock's SDP edits, on a Chromium-shaped offer. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CodecsHandler } from '../../src/core/stock/codecs-handler.js';

const OFFER = [
  'v=0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63',
  'a=mid:0',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99 102',
  'a=mid:1',
  'a=rtpmap:96 VP8/90000',
  'a=rtpmap:97 rtx/90000',
  'a=fmtp:97 apt=96',
  'a=rtpmap:98 VP9/90000',
  'a=rtpmap:99 rtx/90000',
  'a=rtpmap:102 H264/90000',
  '',
].join('\r\n');

const videoLine = (sdp: string) => sdp.split('\r\n').find((line) => line.startsWith('m=video'));

describe('CodecsHandler', () => {
  it('preferCodec moves the codec to the front of the m=video line', () => {
    assert.equal(videoLine(CodecsHandler.preferCodec(OFFER, 'h264')), 'm=video 9 UDP/TLS/RTP/SAVPF 102 96 97 98 99');
    assert.equal(CodecsHandler.preferCodec(OFFER, 'vp8'), OFFER, 'first already');
    assert.equal(CodecsHandler.preferCodec(OFFER, 'av1'), OFFER, 'unknown codec');
  });

  it('removeVPX leaves VP8 and VP9 out of the m=video line', () => {
    assert.equal(videoLine(CodecsHandler.removeVPX(OFFER)), 'm=video 9 UDP/TLS/RTP/SAVPF 97 99 102');
  });

  it('setVideoBitrates adds x-google bitrates for VP8 after the rtx fmtp line', () => {
    const edited = CodecsHandler.setVideoBitrates(OFFER, { min: 4096, max: 4096 });
    assert.ok(
      edited.includes('a=fmtp:97 apt=96\r\na=fmtp:96 x-google-min-bitrate=4096; x-google-max-bitrate=4096\r\n'),
    );
  });

  it('setApplicationSpecificBandwidth changes nothing in unified-plan SDP (mids 0, 1), as stock', () => {
    assert.equal(CodecsHandler.setApplicationSpecificBandwidth(OFFER, { audio: 128, video: 512 }), OFFER);
    const planB = OFFER.replace('a=mid:0', 'a=mid:audio');
    assert.ok(
      CodecsHandler.setApplicationSpecificBandwidth(planB, { audio: 128 }).includes('a=mid:audio\r\nb=AS:128\r\n'),
    );
  });

  it('setOpusAttributes appends stereo and the given parameters to the opus fmtp line', () => {
    const edited = CodecsHandler.setOpusAttributes(OFFER, { maxaveragebitrate: 64000, maxptime: 20 });
    assert.ok(
      edited.includes(
        'a=fmtp:111 minptime=10;useinbandfec=1; stereo=1; sprop-stereo=1; maxaveragebitrate=64000\r\na=maxptime:20\r\n',
      ),
    );
  });
});
