/** Desktop notifications: asked for only when the reader turns them on. */

export type NotifyPermission = NotificationPermission | 'unsupported';

/** The browser's answer so far. */
export function notifyPermission(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks for permission (call from a click). */
export async function requestNotifyPermission(): Promise<NotifyPermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  return Notification.requestPermission();
}

/** Shows a notification if permitted; clicking it focuses this window and calls onClick. */
export function showNotification(title: string, body: string, tag: string, onClick: () => void): void {
  if (notifyPermission() !== 'granted') return;
  try {
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    // Some browsers only notify from a service worker; the toast and sound still tell.
  }
}
