/**
 * Mistakes the shipped typings must refuse in an Angular template under `strictTemplates` (ngc must fail, on exactly
 * the lines after the markers). Angular types each `(rtc-*)` handler's `$event` from the tag's element class
 * (`HTMLElementTagNameMap`) and the kit's `HTMLElementEventMap` entries, both declared by `rtc-elements/define`.
 * Not a test file itself: test/node/frameworks.test.ts checks it.
 */
import { Component, CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import 'rtc-elements/define';
import type { RtcRoom } from 'rtc-elements';
import type { RtcRoomEvents } from 'rtc-elements/types';

@Component({
  selector: 'app-wrong',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <!-- wrong: the error detail has no such field -->
    <rtc-room (rtc-error)="show($event.detail.notAField)"></rtc-room>
    <!-- wrong: the detail of rtc-extra-updated is read-only -->
    <rtc-room (rtc-extra-updated)="$event.detail.changed.push('x')"></rtc-room>
    <!-- wrong: an rtc-error event is not an rtc-extra-updated one -->
    <rtc-room (rtc-error)="extraUpdated($event)"></rtc-room>
    <!-- wrong: a participant's userid is text -->
    <rtc-room (rtc-participant-joined)="show($event.detail.userid.toFixed())"></rtc-room>
    <!-- wrong: no error has this code -->
    <rtc-room (rtc-error)="show($event.detail.code === 'no-such-code')"></rtc-room>
    <!-- wrong: a reference to <rtc-media> is not an <rtc-room> -->
    <rtc-media #media (click)="leave(media)"></rtc-media>

    <rtc-room #room (rtc-error)="show($event.detail.code)" (rtc-extra-updated)="extraUpdated($event)"></rtc-room>
    <button (click)="leave(room)">Leave</button>
    <!--
      Not caught: with CUSTOM_ELEMENTS_SCHEMA, Angular does not check bindings to a custom element's properties, so
      [extra]="42" compiles (the room answers it with rtc-error at run time, as the example shows).
    -->
    <rtc-room [extra]="42" [roomId]="'standup'"></rtc-room>
  `,
})
export class Wrong {
  protected show(value: unknown): void {
    console.log(value);
  }

  protected leave(room: RtcRoom): void {
    void room.leave();
  }

  protected extraUpdated(event: RtcRoomEvents['rtc-extra-updated']): void {
    console.log(event.detail.changed.join(', '));
  }
}
