import { css } from 'lit';
import { avatarStyles, listReset } from '../shared/common.styles.js';
import { themeStyles } from '../shared/theme.js';

export const chatStyles = [
  themeStyles,
  listReset,
  avatarStyles,
  css`
    :host {
      display: grid;
      gap: calc(var(--_gap) / 2);
    }
    [part~='notice'] {
      margin: 0;
      padding: calc(var(--_gap) / 2) var(--_gap);
      border: 1px dashed var(--_border);
      border-radius: var(--_radius);
      color: var(--_muted);
    }
    [part~='log'] {
      height: var(--rtc-chat-height, 20rem);
      overflow-y: auto;
      overscroll-behavior: contain;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: calc(var(--_gap) / 2);
    }
    [part~='log']:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 2px;
    }
    ol {
      display: grid;
      gap: calc(var(--_gap) / 2);
    }
    [part~='message'] {
      display: grid;
      grid-template-columns: 2rem 1fr auto;
      column-gap: calc(var(--_gap) / 2);
      align-items: baseline;
      padding-inline-start: calc(var(--_gap) / 4);
      border-inline-start: 3px solid transparent;
    }
    [part~='message'][data-local] {
      border-inline-start-color: var(--_accent);
    }
    [part~='avatar'] {
      grid-row: span 2;
      align-self: start;
      width: 2rem;
      height: 2rem;
      font-size: 0.75em;
    }
    [part~='name'] {
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    [part~='self'] {
      font-weight: normal;
    }
    [part~='time'] {
      color: var(--_muted);
      font-size: 0.8em;
    }
    [part~='text'] {
      grid-column: 2 / -1;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    [part~='link'] {
      color: var(--_accent);
    }
    form {
      display: flex;
      gap: calc(var(--_gap) / 2);
    }
    [part~='input'] {
      flex: 1;
      min-width: 0;
      font: inherit;
      padding: 0.4em 0.6em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_on-surface);
    }
    [part~='send'] {
      font: inherit;
      padding: 0.4em 1em;
      border: 0;
      border-radius: var(--_radius);
      background: var(--_accent);
      color: var(--_on-accent);
      cursor: pointer;
    }
    [part~='input']:disabled,
    [part~='send']:disabled {
      opacity: 0.5;
      cursor: not-allowed;
    }
  `,
];
