import { useCallback, useEffect, useRef } from 'react';
import type { Article } from '../../../../shared/index.js';
import { CHANNEL_NAME, type LinkMessage, parseLinkMessage } from './link-message.js';
import { useLinked } from './link-settings.js';

/** This window's id, so it ignores its own messages. */
const SELF =
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : String(Math.random());

export interface WindowLink {
  linked: boolean;
  /** Tells the other windows a story was selected here. */
  shareStory: (article: Article) => void;
  /** Tells the other windows the ticker filter changed here. */
  shareTickers: (tickers: readonly string[]) => void;
}

interface Handlers {
  onStory: (article: Article) => void;
  onTickers: (tickers: string[]) => void;
}

/**
 * Several windows of the desk acting as one (opt-in, remembered): a story or tickers selected in
 * one drive the story, chart and filter of the others, over a BroadcastChannel (same browser).
 */
export function useWindowLink(handlers: Handlers): WindowLink {
  const linked = useLinked();
  const channel = useRef<BroadcastChannel | null>(null);
  const current = useRef(handlers);
  current.current = handlers;

  useEffect(() => {
    if (!linked || typeof BroadcastChannel === 'undefined') return;
    const ch = new BroadcastChannel(CHANNEL_NAME);
    channel.current = ch;
    ch.onmessage = (e: MessageEvent) => {
      const msg = parseLinkMessage(e.data, SELF);
      if (msg?.type === 'story:selected') current.current.onStory(msg.article);
      else if (msg?.type === 'tickers:selected') current.current.onTickers(msg.tickers);
    };
    return () => {
      channel.current = null;
      ch.close();
    };
  }, [linked]);

  const post = useCallback((msg: LinkMessage) => channel.current?.postMessage(msg), []);
  const shareStory = useCallback(
    (article: Article) => post({ type: 'story:selected', from: SELF, article }),
    [post],
  );
  const shareTickers = useCallback(
    (tickers: readonly string[]) => post({ type: 'tickers:selected', from: SELF, tickers: [...tickers] }),
    [post],
  );
  return { linked, shareStory, shareTickers };
}
