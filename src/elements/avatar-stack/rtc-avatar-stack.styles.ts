import { css } from 'lit';
import { themeStyles } from '../shared/theme.js';

export const avatarStackStyles = [
  themeStyles,
  css`
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      /* The faces overlap by a third; the first one does not move. */
      padding-inline-start: calc(var(--rtc-avatar-size, 2rem) / 3);
    }
    [part~='avatar'],
    [part~='overflow'] {
      width: var(--rtc-avatar-size, 2rem);
      height: var(--rtc-avatar-size, 2rem);
      margin-inline-start: calc(var(--rtc-avatar-size, 2rem) / -3);
      border-radius: 50%;
      display: grid;
      place-items: center;
      overflow: hidden;
      box-shadow: 0 0 0 2px var(--_surface);
      background: var(--_accent);
      color: var(--_on-accent);
      font-size: calc(var(--rtc-avatar-size, 2rem) * 0.4);
      font-weight: 600;
      line-height: 1;
    }
    /* Grey, not faded: the initials keep their contrast. */
    [part~='avatar'][data-away],
    [part~='avatar'][data-status='stale'] {
      filter: grayscale(1);
    }
    [part~='avatar'] img {
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    [part~='overflow'] {
      background: var(--_muted);
      color: var(--_surface);
    }
  `,
];
