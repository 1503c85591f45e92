import { html, nothing } from 'lit';
import { ExtraUpdatedEvent, ParticipantJoinedEvent, type RTCMultiConnection } from '../../core/index.js';
import { isPlainObject } from '../../protocol/extra.js';
import { RoomController } from '../shared/room-controller.js';
import { RtcElement } from '../shared/rtc-element.js';
import { tokenList } from '../shared/tokens.js';
import { extraEditorStyles } from './rtc-extra-editor.styles.js';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * Edits your own extra in the enclosing `<rtc-room>` and sends it as you edit
 * (sends are coalesced; the last value always goes out). Declare the fields
 * without JavaScript, either as `fields="fullName status"` (labelled inputs are
 * rendered) or as your own controls inside the element, bound by `name`:
 * checkboxes give booleans, number inputs numbers, and dotted names
 * (`address.city`) nested objects. Remote updates never come back as edits,
 * and re-renders never touch the control you are typing in. It is
 * form-associated: a form reset restores the last extra sent.
 *
 * @tagname rtc-extra-editor
 * @summary Edits your extra, live.
 *
 * @slot - Your own labelled form controls, bound to extra keys by their `name`.
 *
 * @csspart fields - The generated fields' container.
 * @csspart field - One generated label + input.
 * @csspart label - A generated field's label text.
 * @csspart input - A generated input.
 * @csspart error - The inline error message.
 *
 * @cssproperty --rtc-accent - Focus ring.
 * @cssproperty --rtc-border-color - Input borders.
 * @cssproperty --rtc-danger - Error text.
 * @cssproperty --rtc-radius - Input corners.
 * @cssproperty --rtc-gap - Space between fields.
 * @cssproperty --rtc-font - Font.
 * @cssproperty --rtc-surface - Input background.
 * @cssproperty --rtc-on-surface - Input text.
 */
export class RtcExtraEditor extends RtcElement {
  static formAssociated = true;
  static override styles = extraEditorStyles;

  static override properties = {
    fields: {},
    labels: { attribute: false },
    name: { reflect: true },
    error: { state: true, attribute: false },
  };

  /** Space-separated extra keys to render labelled inputs for (or an array of them). */
  declare fields: string | readonly string[] | undefined;
  /** Label text per key (default: the key, humanised). */
  declare labels: Record<string, string>;
  /** The form field name under which the extra (as JSON) is submitted. */
  declare name: string | undefined;
  declare private error: string;

  readonly #internals = this.attachInternals();
  /** Counts edits, so that only the latest one's outcome shows. */
  #edits = 0;
  readonly #room = new RoomController(
    this,
    (event) => {
      // Only your own extra shows here (as you join, and as it changes): others' changes do not concern this element.
      const own =
        (event instanceof ExtraUpdatedEvent && event.isLocal) ||
        (event instanceof ParticipantJoinedEvent && event.participant.isLocal);
      if (own) this.#fill();
      return own;
    },
    () => this.#fill(),
  );

  constructor() {
    super();
    this.labels = {};
    this.error = '';
    this.addEventListener('input', (event) => this.#onEdit(event));
    this.addEventListener('change', (event) => this.#onEdit(event));
  }

  /** The form this editor belongs to, if any. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  protected override firstUpdated(): void {
    this.#fill();
  }

  protected override updated(): void {
    // Fields rendered just now start from the current extra.
    this.#fill();
  }

  protected override render() {
    const extra = this.#room.connection?.extra ?? {};
    const keys = tokenList(this.fields);
    return html`
      <div part="fields">
        ${keys.map((key) => {
          const current = readPath(extra, key);
          const type = typeof current === 'boolean' ? 'checkbox' : typeof current === 'number' ? 'number' : 'text';
          return html`<label part="field">
            <span part="label">${this.labels[key] ?? humanize(key)}</span>
            <input
              part="input"
              name=${key}
              type=${type}
              autocomplete=${key === 'fullName' || key === 'name' ? 'name' : 'off'}
              aria-describedby="error"
            />
          </label>`;
        })}
      </div>
      <slot></slot>
      <p part="error" id="error" role="alert" ?hidden=${!this.error}>${this.error || nothing}</p>
    `;
  }

  /** Restores the last extra sent (a form reset runs this; native controls reset first). */
  formResetCallback(): void {
    queueMicrotask(() => this.#fill({ force: true }));
  }

  #controls(): Control[] {
    const isControl = (element: Element): element is Control =>
      (element instanceof HTMLInputElement ||
        element instanceof HTMLSelectElement ||
        element instanceof HTMLTextAreaElement) &&
      !!element.name;
    return [...this.renderRoot.querySelectorAll('[name]'), ...this.querySelectorAll('[name]')].filter(isControl);
  }

  /** Shows the current extra in every control, except the one being typed in (unless forced). */
  #fill(options: { force?: boolean } = {}): void {
    const connection = this.#room.connection;
    if (!connection) return;
    const extra = connection.extra;
    const focused = this.#focusedControl();
    for (const control of this.#controls()) {
      if (control === focused && !options.force) continue;
      writeControl(control, readPath(extra, control.name));
    }
    this.#internals.setFormValue(JSON.stringify(extra));
  }

  #focusedControl(): Element | null {
    return this.shadowRoot?.activeElement ?? (this.contains(document.activeElement) ? document.activeElement : null);
  }

  #onEdit(event: Event): void {
    const control = event.composedPath()[0];
    const connection = this.#room.connection;
    if (!connection || !(control instanceof Element) || !this.#controls().includes(control as Control)) return;
    const { name } = control as Control;
    const patch = patchFor(connection, name, readControl(control as Control));
    // Sends are coalesced, so an earlier edit's success can settle after a later edit's refusal: only the latest edit speaks.
    const edit = ++this.#edits;
    connection.updateExtraData(patch).then(
      () => {
        if (edit !== this.#edits) return;
        this.error = '';
        this.#internals.setFormValue(JSON.stringify(connection.extra));
      },
      // Nothing was sent and the control keeps what was typed; the room reports rtc-error.
      (error: Error) => {
        if (edit === this.#edits) this.error = error.message;
      },
    );
  }
}

/** The patch that sets one (possibly dotted) key, keeping the rest of a nested object. */
function patchFor(connection: RTCMultiConnection, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  if (rest.length === 0) return { [head]: value };
  const current = connection.extra[head];
  return { [head]: setPath(isPlainObject(current) ? current : {}, rest, value) };
}

function setPath(base: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path as [string, ...string[]];
  const copy = { ...base };
  if (rest.length === 0) copy[head] = value;
  else {
    const inner = copy[head];
    copy[head] = setPath(isPlainObject(inner) ? inner : {}, rest, value);
  }
  return copy;
}

function readPath(extra: Record<string, unknown>, path: string): unknown {
  let value: unknown = extra;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function readControl(control: Control): unknown {
  if (control instanceof HTMLInputElement) {
    if (control.type === 'checkbox') return control.checked;
    if (control.type === 'number' || control.type === 'range')
      return Number.isNaN(control.valueAsNumber) ? null : control.valueAsNumber;
    if (control.type === 'radio') return control.checked ? control.value : undefined;
  }
  return control.value;
}

function writeControl(control: Control, value: unknown): void {
  if (control instanceof HTMLInputElement && control.type === 'checkbox') {
    control.checked = value === true;
  } else if (control instanceof HTMLInputElement && control.type === 'radio') {
    control.checked = value === control.value;
  } else {
    const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    if (control.value !== text) control.value = text;
  }
}

function humanize(key: string): string {
  const words = key
    .replace(/[._-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
