/**
 * Mistakes the shipped React typings must refuse (`tsc` must fail, on exactly the lines after the markers): proof
 * that the examples' clean type-check means something. Not a test file itself: test/node/frameworks.test.ts checks it.
 */
import type {} from 'rtc-elements/types/react';
import { RtcRoom } from 'rtc-elements/react';

export const wrong = [
  // wrong: an object where a number (or its digits) goes
  <rtc-room max-participants={{}} />,
  // wrong: extra must be an object or JSON text
  <rtc-room extra={42} />,
  // wrong: no such property (TypeScript lets any hyphenated name through, as it does data-* attributes)
  <rtc-room notAProperty="x" />,
  // wrong: the error detail has no such field
  <rtc-room onrtc-error={(event) => console.log(event.detail.notAField)} />,
  // wrong: the detail of rtc-extra-updated is read-only
  <rtc-room onrtc-extra-updated={(event) => event.detail.changed.push('x')} />,
  // wrong: the React component's event prop is typed too
  <RtcRoom onRtcError={(event) => console.log(event.detail.notAField)} />,
  // wrong: the React component has no such event prop
  <RtcRoom onRtcNotAnEvent={() => {}} />,
  // wrong: a ref to <rtc-room> is not a ref to <rtc-media>
  <rtc-media ref={(element: HTMLInputElement | null) => void element} />,
];

export const right = [
  <rtc-room room-id="standup" roomId="standup" extra='{"fullName":"Ada"}' max-participants="4" key="k" slot="s" />,
  <rtc-media hide-local class="tiles" className="tiles" style={{ gap: 4 }} />,
  <RtcRoom roomId="standup" extra={{ fullName: 'Ada' }} onRtcExtraUpdated={(event) => event.detail.changed.join()} />,
];
