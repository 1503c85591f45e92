import { css } from 'lit';
import { themeStyles } from '../shared/theme.js';

export const mediaStyles = [
  themeStyles,
  css`
    [part~='grid'] {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(var(--rtc-tile-min-width, 12rem), 1fr));
      gap: var(--_gap);
    }
    [part~='tile'] {
      position: relative;
      margin: 0;
      border-radius: var(--_radius);
      overflow: hidden;
      background: light-dark(#e5e7eb, #1f2937);
      aspect-ratio: 4 / 3;
      display: grid;
      place-items: center;
    }
    video {
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    [part~='tile'][data-local] video {
      transform: scaleX(-1);
    }
    [part~='label'] {
      position: absolute;
      inset: auto 0 0 0;
      padding: 0.25rem 0.5rem;
      background: rgb(0 0 0 / 0.6);
      color: #fff;
      font-size: 0.875em;
      overflow-wrap: anywhere;
    }
    [part~='audio-only'] {
      font-size: 2rem;
      font-weight: 600;
      color: var(--_muted);
    }
  `,
];
