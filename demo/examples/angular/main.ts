/**
 * Defines the tags, then starts the Angular app on `#app`, without zone.js (the state is in signals). In dev mode,
 * Angular checks after each change detection that no expression changed since (NG0100 on the console if one did);
 * `exhaustive` makes that check cover OnPush components too, which it otherwise skips once they are refreshed.
 *
 * This example is bundled by esbuild as it is, so its templates are compiled in the browser: `@angular/compiler` must
 * be loaded first. An Angular CLI build compiles them ahead of time and leaves that import out.
 */
import '@angular/compiler';
import 'rtc-elements/define';
import {
  provideBrowserGlobalErrorListeners,
  provideCheckNoChangesConfig,
  provideZonelessChangeDetection,
} from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import { App } from './app.component.js';

const app = await createApplication({
  providers: [
    provideZonelessChangeDetection(),
    provideBrowserGlobalErrorListeners(),
    provideCheckNoChangesConfig({ exhaustive: true }),
  ],
});
app.bootstrap(App, document.getElementById('app')!);
