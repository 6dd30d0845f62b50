import { noChange } from 'lit';
import { Directive, directive, type ElementPart } from 'lit/directive.js';

/**
 * Sets inline style properties on an element through CSSOM (`style.setProperty`) at every render:
 * `<div ${cssProperties({ 'min-block-size': '6rem' })}>`. A strict CSP (no `'unsafe-inline'` in
 * `style-src`) refuses style attribute text, and Lit's `styleMap` writes the attribute on first render.
 */
class CssPropertiesDirective extends Directive {
  render(_properties: Readonly<Record<string, string>>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [properties]: [Readonly<Record<string, string>>]): typeof noChange {
    const { style } = part.element as HTMLElement;
    for (const [name, value] of Object.entries(properties)) style.setProperty(name, value);
    return noChange;
  }
}

export const cssProperties = directive(CssPropertiesDirective);
