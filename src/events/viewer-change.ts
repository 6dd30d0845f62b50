import type { Member } from '../core/types.js';

/** The viewer became known or changed: signed in, signed out, or switched. */
export class MajlisViewerChangeEvent extends Event {
  static readonly eventName = 'majlis-viewer-change' as const;
  readonly viewer: Member | null;

  constructor(viewer: Member | null) {
    super(MajlisViewerChangeEvent.eventName, { bubbles: true, composed: true });
    this.viewer = viewer;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'majlis-viewer-change': MajlisViewerChangeEvent;
  }
}
