/**
 * Angular 21 with the elements in a standalone component's template. `CUSTOM_ELEMENTS_SCHEMA` leaves the `rtc-*` tags
 * to the browser; `[roomId]`, `[extra]` and `[hideLocal]` set properties, `[attr.socket-url]` an attribute, and
 * `(rtc-*)` listens to events. Under `strictTemplates`, Angular types each `$event` from the tag's element class and
 * the kit's `HTMLElementEventMap` entries, which `rtc-elements/define` declares (see main.ts). The state is in signals.
 */
import { ChangeDetectionStrategy, Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import { badExtras, extras, logEntry, settings, type LogEntry, type RoomExtra } from '../shared/page.js';

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main>
      <h1>Angular</h1>
      <p>
        Room <output id="room-id">{{ roomId() }}</output>
        <button id="move" (click)="roomId.set(settings.rooms[1])">Move to {{ settings.rooms[1] }}</button>
        <button id="unmount" (click)="mounted.set(false)">Leave (unmount the room)</button>
      </p>
      <p>
        @for (preset of presets; track preset[0]) {
          <button [attr.data-extra]="preset[0]" (click)="extra.set(preset[1])">extra = {{ json(preset[1]) }}</button>
        }
      </p>
      @if (mounted()) {
        <rtc-room
          [roomId]="roomId()"
          [attr.socket-url]="settings.socketUrl"
          [userid]="settings.userid"
          [extra]="extra()"
          (rtc-participant-joined)="add(logEntry.joined($event))"
          (rtc-extra-updated)="add(logEntry.extraUpdated($event))"
          (rtc-error)="add(logEntry.error($event))"
        >
          <rtc-participant-list name-field="fullName"></rtc-participant-list>
          <rtc-extra-editor fields="fullName"></rtc-extra-editor>
          <rtc-media [hideLocal]="true"></rtc-media>
        </rtc-room>
      }
      <ol id="events">
        @for (entry of log(); track $index) {
          <li [attr.data-type]="entry.type" [attr.data-userid]="entry.userid" [attr.data-code]="entry.code">
            {{ entry.text }}
          </li>
        }
      </ol>
    </main>
  `,
})
export class App {
  protected readonly settings = settings;
  protected readonly logEntry = logEntry;
  protected readonly presets = Object.entries({ ...extras, ...badExtras });
  protected readonly json = (value: unknown) => JSON.stringify(value);

  protected readonly roomId = signal<string>(settings.rooms[0]);
  protected readonly extra = signal<RoomExtra>(extras['ada-object']);
  protected readonly mounted = signal(true);
  protected readonly log = signal<LogEntry[]>([]);

  protected add(entry: LogEntry): void {
    this.log.update((entries) => [...entries, entry]);
  }
}
