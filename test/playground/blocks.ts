/**
 * A small Block Kit renderer for the playground page: blocks (and mrkdwn) in, an HTML string out. Pure:
 * every piece of text is escaped, and interactive elements carry what the page needs to send Slack's
 * payloads back (`data-action-id`, `data-block-id`, `data-value`, `data-url`).
 */
import { get as emojiChar } from 'node-emoji';
import { wallClockAt } from '../../src/time/zones.js';
import { isObj, type Obj, optionsOf, str } from './block-json.js';

export interface RenderContext {
  /** A person's display name for `<@U…>` mentions. */
  userName?: (id: string) => string | undefined;
  /** A channel's name for `<#C…>` mentions. */
  channelName?: (id: string) => string | undefined;
  /** The reader's IANA zone, for initial date-time values in inputs. */
  timeZone?: string;
  /** The people a `users_select` offers, as Slack's picker lists the workspace's members. */
  people?: () => { id: string; name: string }[];
  /** Errors of a submitted view, block_id → message. */
  errors?: Record<string, string>;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Slack's three escaped characters back to themselves. */
function decodeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** `:tada:` → 🎉 when the name is known; unknown names stay as they are. */
export function emojify(escaped: string): string {
  return escaped.replace(/:([a-z0-9_+'-]+):/g, (whole, name: string) => emojiName(name) ?? whole);
}

const emojiAliases: Record<string, string> = { thumbsup: '+1', thumbsdown: '-1' };

/** The character for an emoji name (`tada`, `one`, `+1`), or undefined. */
export function emojiName(name: string): string | undefined {
  return emojiChar(name) ?? (emojiAliases[name] ? emojiChar(emojiAliases[name]) : undefined);
}

const safeUrl = (url: string): boolean => /^(https?:|mailto:)/i.test(url);

function renderSpecial(inner: string, ctx: RenderContext): string {
  const [target = '', label] = splitOnce(inner, '|');
  if (target.startsWith('@')) {
    const id = target.slice(1);
    const name = label ?? ctx.userName?.(id) ?? id;
    return `<span class="mention" data-user="${escapeHtml(id)}">@${escapeHtml(name)}</span>`;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    const name = label ?? ctx.channelName?.(id) ?? id;
    return `<span class="mention channel">#${escapeHtml(name)}</span>`;
  }
  if (target.startsWith('!')) {
    const command = target.slice(1);
    if (command.startsWith('date^')) {
      return `<span class="date">${escapeHtml(label ?? command)}</span>`;
    }
    if (command.startsWith('subteam^'))
      return `<span class="mention">${escapeHtml(label ?? '@group')}</span>`;
    return `<span class="mention">@${escapeHtml(label ?? command)}</span>`;
  }
  const url = target;
  const text = label ?? url;
  if (!safeUrl(url)) return escapeHtml(text);
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(text)}</a>`;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** Bold, italic and strike, on already escaped text. */
function inlineStyles(escaped: string): string {
  return escaped
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])/g, '$1<b>$2</b>')
    .replace(/(^|[^\w])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1<i>$2</i>')
    .replace(/(^|[^\w~])~(?=\S)([^~\n]*?\S)~(?![\w~])/g, '$1<s>$2</s>');
}

/** Slack mrkdwn as HTML: styles, code, quotes, links, mentions, dates and emoji. */
export function renderMrkdwn(text: string, ctx: RenderContext = {}): string {
  const saved: string[] = [];
  const keep = (html: string): string => `\uE000${saved.push(html) - 1}\uE001`;
  let work = text.replace(/[\uE000\uE001]/g, '');
  work = work.replace(/```\n?([\s\S]*?)```/g, (_, code: string) =>
    keep(`<pre class="code-block">${escapeHtml(decodeSlack(code))}</pre>`),
  );
  work = work.replace(/`([^`\n]+)`/g, (_, code: string) =>
    keep(`<code>${escapeHtml(decodeSlack(code))}</code>`),
  );
  work = work.replace(/<([^<>\n]+)>/g, (_, inner: string) => keep(renderSpecial(decodeSlack(inner), ctx)));
  const lines = work.split('\n').map((line) => {
    const quote = /^(?:&gt;|>)\s?(.*)$/.exec(line);
    const body = emojify(inlineStyles(escapeHtml(decodeSlack(quote ? (quote[1] ?? '') : line))));
    return quote ? `<blockquote>${body}</blockquote>` : `${body}<br>`;
  });
  const html = lines.join('').replace(/<br>$/, '');
  return html.replace(/\uE000(\d+)\uE001/g, (_, i: string) => saved[Number(i)] ?? '');
}

/** A text object (`plain_text` or `mrkdwn`). */
export function renderText(text: unknown, ctx: RenderContext = {}): string {
  if (!isObj(text)) return '';
  const value = str(text.text);
  if (text.type === 'mrkdwn') return renderMrkdwn(value, ctx);
  return text.emoji === false ? escapeHtml(value) : emojify(escapeHtml(value));
}

const plain = (text: unknown): string => (isObj(text) ? str(text.text) : '');

function attr(name: string, value: unknown): string {
  return typeof value === 'string' && value !== '' ? ` ${name}="${escapeHtml(value)}"` : '';
}

function button(element: Obj, blockId: string, ctx: RenderContext): string {
  const style = element.style === 'primary' || element.style === 'danger' ? ` ${element.style}` : '';
  const confirm = isObj(element.confirm)
    ? [plain(element.confirm.title), plain(element.confirm.text)].filter(Boolean).join('\n\n')
    : '';
  const url = typeof element.url === 'string' && safeUrl(element.url) ? element.url : '';
  return `<button type="button" class="bk-button${style}" data-kind="button"${attr('data-action-id', element.action_id)}${attr('data-block-id', blockId)}${attr('data-value', element.value)}${attr('data-url', url)}${attr('data-confirm', confirm)}>${renderText(element.text, ctx)}${url ? ' <span class="external">↗</span>' : ''}</button>`;
}

function selectedValues(element: Obj): string[] {
  const one = isObj(element.initial_option) ? [str(element.initial_option.value)] : [];
  const many = Array.isArray(element.initial_options)
    ? element.initial_options.filter(isObj).map((o) => str(o.value))
    : [];
  return [...one, ...many];
}

/** `YYYY-MM-DDTHH:mm` of `seconds` in `timeZone`, for `<input type="datetime-local">`. */
export function localDateTime(seconds: number, timeZone = 'UTC'): string {
  const wall = wallClockAt(seconds * 1000, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(wall.year).padStart(4, '0')}-${two(wall.month)}-${two(wall.day)}T${two(wall.hour)}:${two(wall.minute)}`;
}

/** An element inside an input block (or a stateful element elsewhere). */
function formElement(element: Obj, blockId: string, ctx: RenderContext): string {
  const type = str(element.type);
  const data = `data-kind="${escapeHtml(type)}"${attr('data-action-id', element.action_id)}${attr('data-block-id', blockId)}`;
  const placeholder = plain(element.placeholder);
  const chosen = new Set(selectedValues(element));
  switch (type) {
    case 'plain_text_input': {
      const value = str(element.initial_value);
      const limits = `${typeof element.max_length === 'number' ? ` maxlength="${element.max_length}"` : ''}`;
      return element.multiline === true
        ? `<textarea class="bk-field" rows="4" ${data}${attr('placeholder', placeholder)}${limits}>${escapeHtml(value)}</textarea>`
        : `<input class="bk-field" type="text" ${data}${attr('placeholder', placeholder)}${attr('value', value)}${limits}>`;
    }
    case 'number_input':
      return `<input class="bk-field" type="number" ${data}${attr('value', str(element.initial_value))}>`;
    case 'radio_buttons':
    case 'checkboxes': {
      const input = type === 'radio_buttons' ? 'radio' : 'checkbox';
      const name = escapeHtml(`${blockId}/${str(element.action_id)}`);
      const items = optionsOf(element).map((option) => {
        const value = str(option.value);
        const description = isObj(option.description)
          ? `<span class="hint">${renderText(option.description, ctx)}</span>`
          : '';
        return `<label class="bk-choice"><input type="${input}" name="${name}" value="${escapeHtml(value)}"${chosen.has(value) ? ' checked' : ''}> <span>${renderText(option.text, ctx)}</span>${description}</label>`;
      });
      return `<div class="bk-choices" ${data}>${items.join('')}</div>`;
    }
    case 'static_select':
    case 'multi_static_select': {
      const multiple = type === 'multi_static_select' ? ' multiple' : '';
      const empty = multiple ? '' : `<option value="">${escapeHtml(placeholder || 'Choose…')}</option>`;
      const items = optionsOf(element).map((option) => {
        const value = str(option.value);
        return `<option value="${escapeHtml(value)}"${chosen.has(value) ? ' selected' : ''}>${escapeHtml(plain(option.text))}</option>`;
      });
      return `<select class="bk-field" ${data}${multiple}>${empty}${items.join('')}</select>`;
    }
    case 'users_select': {
      const initial = str(element.initial_user);
      const items = (ctx.people?.() ?? []).map(
        (person) =>
          `<option value="${escapeHtml(person.id)}"${person.id === initial ? ' selected' : ''}>${escapeHtml(person.name)}</option>`,
      );
      return `<select class="bk-field" ${data}><option value="">${escapeHtml(placeholder || 'Choose someone…')}</option>${items.join('')}</select>`;
    }
    case 'datetimepicker': {
      const initial = typeof element.initial_date_time === 'number' ? element.initial_date_time : undefined;
      const value = initial === undefined ? '' : localDateTime(initial, ctx.timeZone);
      return `<input class="bk-field" type="datetime-local" ${data}${attr('value', value)}>`;
    }
    case 'datepicker':
      return `<input class="bk-field" type="date" ${data}${attr('value', str(element.initial_date))}>`;
    case 'timepicker':
      return `<input class="bk-field" type="time" ${data}${attr('value', str(element.initial_time))}>`;
    case 'button':
      return button(element, blockId, ctx);
    case 'image':
      return image(element, 'bk-accessory-image');
    default:
      return `<span class="bk-unsupported">[${escapeHtml(type || 'element')}]</span>`;
  }
}

function image(element: Obj, className: string): string {
  const url = str(element.image_url);
  if (!safeUrl(url)) return `<span class="bk-unsupported">[image]</span>`;
  return `<img class="${className}" src="${escapeHtml(url)}" alt="${escapeHtml(str(element.alt_text))}" loading="lazy">`;
}

function block(b: Obj, ctx: RenderContext): string {
  const blockId = str(b.block_id);
  switch (b.type) {
    case 'header':
      return `<div class="bk-header">${renderText(b.text, ctx)}</div>`;
    case 'divider':
      return '<hr class="bk-divider">';
    case 'section': {
      const text = b.text ? `<div class="bk-text">${renderText(b.text, ctx)}</div>` : '';
      const fields = Array.isArray(b.fields)
        ? `<div class="bk-fields">${b.fields.map((f) => `<div class="bk-field-text">${renderText(f, ctx)}</div>`).join('')}</div>`
        : '';
      const accessory = isObj(b.accessory)
        ? `<div class="bk-accessory">${formElement(b.accessory, blockId, ctx)}</div>`
        : '';
      return `<div class="bk-section"><div class="bk-main">${text}${fields}</div>${accessory}</div>`;
    }
    case 'context': {
      const elements = Array.isArray(b.elements) ? b.elements.filter(isObj) : [];
      const parts = elements.map((e) =>
        e.type === 'image' ? image(e, 'bk-context-image') : `<span>${renderText(e, ctx)}</span>`,
      );
      return `<div class="bk-context">${parts.join('')}</div>`;
    }
    case 'actions': {
      const elements = Array.isArray(b.elements) ? b.elements.filter(isObj) : [];
      return `<div class="bk-actions">${elements.map((e) => formElement(e, blockId, ctx)).join('')}</div>`;
    }
    case 'image': {
      const title = b.title ? `<div class="bk-image-title">${renderText(b.title, ctx)}</div>` : '';
      return `<figure class="bk-image">${title}${image(b, 'bk-image-img')}</figure>`;
    }
    case 'input': {
      const element = isObj(b.element) ? formElement(b.element, blockId, ctx) : '';
      const optional = b.optional === true ? ' <span class="optional">(optional)</span>' : '';
      const hint = b.hint ? `<div class="hint">${renderText(b.hint, ctx)}</div>` : '';
      const error = ctx.errors?.[blockId];
      const errorHtml = error ? `<div class="bk-error">${escapeHtml(error)}</div>` : '';
      return `<div class="bk-input"${attr('data-block-id', blockId)}><label class="bk-label">${renderText(b.label, ctx)}${optional}</label>${element}${hint}${errorHtml}</div>`;
    }
    default:
      return `<div class="bk-unsupported">[${escapeHtml(str(b.type) || 'unknown')} block]</div>`;
  }
}

/** Blocks as HTML; anything that is not a block is left out. */
export function renderBlocks(blocks: unknown, ctx: RenderContext = {}): string {
  if (!Array.isArray(blocks)) return '';
  return blocks
    .filter(isObj)
    .map((b) => block(b, ctx))
    .join('');
}

/** A message body: its blocks, or its text as mrkdwn when it has none. */
export function renderMessageBody(
  message: { text?: string; blocks?: unknown },
  ctx: RenderContext = {},
): string {
  if (Array.isArray(message.blocks) && message.blocks.length > 0) return renderBlocks(message.blocks, ctx);
  return `<div class="bk-text">${renderMrkdwn(message.text ?? '', ctx)}</div>`;
}

/** A modal: title, blocks and its submit and close buttons. */
export function renderModal(view: Obj, viewId: string, ctx: RenderContext = {}): string {
  const submit = view.submit
    ? `<button type="submit" class="bk-button primary">${renderText(view.submit, ctx)}</button>`
    : '';
  const close = `<button type="button" class="bk-button modal-close">${view.close ? renderText(view.close, ctx) : 'Cancel'}</button>`;
  return `<form class="modal" data-view-id="${escapeHtml(viewId)}"><div class="modal-title">${renderText(view.title, ctx)}</div><div class="modal-body">${renderBlocks(view.blocks, ctx)}</div><div class="modal-footer">${close}${submit}</div></form>`;
}
