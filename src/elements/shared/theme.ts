import { css } from 'lit';

/**
 * Design tokens every element reads, each overridable with a `--rtc-*`
 * custom property. Light or dark follows the `color-scheme` the element
 * inherits from the page (`light` when the page declares none), the same one
 * the page's own text and form controls follow; `rtc-room { color-scheme: dark }`
 * forces one.
 */
export const themeStyles = css`
  :host {
    display: block;
    --_accent: var(--rtc-accent, light-dark(#1d4ed8, #93c5fd));
    --_on-accent: var(--rtc-on-accent, light-dark(#ffffff, #0b1220));
    --_muted: var(--rtc-muted-color, light-dark(#4b5563, #cbd5e1));
    --_border: var(--rtc-border-color, light-dark(#d1d5db, #374151));
    --_surface: var(--rtc-surface, light-dark(#ffffff, #111827));
    --_on-surface: var(--rtc-on-surface, light-dark(#111827, #f3f4f6));
    --_danger: var(--rtc-danger, light-dark(#b91c1c, #fca5a5));
    --_radius: var(--rtc-radius, 0.5rem);
    --_gap: var(--rtc-gap, 0.75rem);
    font: var(--rtc-font, inherit);
  }
  :host([hidden]) {
    display: none;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
